package io.heliograph.session.users;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Telegram's username rules: 5..32 characters of {@code [a-zA-Z0-9_]}, starting with a letter, without a trailing
 * or doubled underscore. Usernames are unique ignoring case; {@link #canonical} is the directory key.
 *
 * @see <a href="https://core.telegram.org/method/account.updateUsername">account.updateUsername</a>
 */
public final class Usernames {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z](?:[a-zA-Z0-9]|_(?!_)){3,30}[a-zA-Z0-9]");

    private Usernames() {
    }

    public static boolean valid(String username) {
        return username != null && username.length() <= 32 && VALID.matcher(username).matches();
    }

    public static String canonical(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /** A bot's username must end in "bot", as BotFather requires. */
    public static boolean validForBot(String username) {
        return valid(username) && canonical(username).endsWith("bot");
    }
}
