package io.heliograph.session.dcs;

import io.heliograph.events.DcId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Chooses the home DC of a phone number that has no user yet. Telegram's test numbers {@code 99966XYYYY} go to DC X
 * when X is a configured DC (and test numbers are on); any other number goes by the longest matching prefix rule.
 * The default rules follow Telegram's geography by the first digit of the country code (1, 5: Americas → DC1;
 * 3, 4, 7: Europe → DC2; 2, 9: Africa, Middle East → DC4; 6, 8: Asia, Oceania → DC5); a configured rule overrides a
 * default for the same prefix. A rule naming a DC that is not configured (only defaults can) folds onto the
 * configured DC at index {@code (dc - 1) mod ids.size()}, so with DCs 1 and 2, DC4 → 2 and DC5 → 1. A number no rule
 * matches goes to the first configured DC.
 *
 * @see <a href="https://core.telegram.org/api/auth#test-accounts">Test accounts</a>
 */
public final class HomeDcRules {

    /** Telegram-like defaults: the first digit of the country code → DC. */
    public static final Map<String, Integer> DEFAULT_PREFIXES = Map.of(
            "1", 1, "5", 1, "3", 2, "4", 2, "7", 2, "2", 4, "9", 4, "6", 5, "8", 5);

    private final List<Integer> ids;
    private final TreeMap<String, Integer> prefixes = new TreeMap<>();
    private final boolean testNumbers;
    /** Prefixes an operator configured (not the defaults): they decide before the client's network does. */
    private final java.util.Set<String> configuredPrefixes = new java.util.HashSet<>();
    private final List<Network> networks = new java.util.ArrayList<>();

    private record Network(byte[] address, int bits, int dc) {

        boolean contains(byte[] ip) {
            if (ip.length != address.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((ip[i / 8] & mask) != (address[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    public HomeDcRules(DcProperties properties) {
        this.ids = List.copyOf(properties.ids());
        for (Integer id : ids) {
            if (id == null || id < 1 || id > DcId.MAX) {
                throw new IllegalArgumentException("heliograph.session.dcs.ids: " + id + " is not a DC id (1.."
                        + DcId.MAX + ")");
            }
        }
        prefixes.putAll(DEFAULT_PREFIXES);
        properties.phonePrefixes().forEach((prefix, dc) -> {
            if (!prefix.matches("[0-9]{1,15}")) {
                throw new IllegalArgumentException("heliograph.session.dcs.phone-prefixes: '" + prefix
                        + "' is not a digit prefix");
            }
            if (!ids.contains(dc)) {
                throw new IllegalArgumentException("heliograph.session.dcs.phone-prefixes: " + prefix + " names DC "
                        + dc + ", which is not one of " + ids);
            }
            prefixes.put(prefix, dc);
            configuredPrefixes.add(prefix);
        });
        this.testNumbers = properties.testNumbers();
        properties.networks().forEach((cidr, dc) -> {
            String[] parts = cidr.split("/");
            try {
                byte[] address = java.net.InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (parts.length > 2 || bits < 0 || bits > address.length * 8 || !parts[0].matches("[0-9a-fA-F.:]+")) {
                    throw new IllegalArgumentException();
                }
                if (!ids.contains(dc)) {
                    throw new IllegalArgumentException("heliograph.session.dcs.networks: " + cidr + " names DC " + dc
                            + ", which is not one of " + ids);
                }
                networks.add(new Network(address, bits, dc));
            } catch (java.net.UnknownHostException | IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("heliograph")) {
                    throw (IllegalArgumentException) e;
                }
                throw new IllegalArgumentException("heliograph.session.dcs.networks: '" + cidr + "' is not a CIDR block");
            }
        });
        networks.sort(java.util.Comparator.comparingInt(Network::bits).reversed());
    }

    public List<Integer> ids() {
        return ids;
    }

    public boolean configured(int dc) {
        return ids.contains(dc);
    }

    /** The home DC of a new user with this normalized phone number (digits only). */
    public int homeDcOf(String phone) {
        OptionalInt test = testNumberDc(phone);
        if (test.isPresent()) {
            return test.getAsInt();
        }
        for (int length = Math.min(phone.length(), 15); length > 0; length--) {
            Integer dc = prefixes.get(phone.substring(0, length));
            if (dc != null) {
                return configured(dc) ? dc : ids.get(Math.floorMod(dc - 1, ids.size()));
            }
        }
        return ids.get(0);
    }

    /**
     * The DC of the client's network for a new number, when no test-number or configured prefix rule decides the
     * number's DC: the longest matching {@code networks} block. Empty otherwise (then {@link #homeDcOf} decides).
     */
    public OptionalInt networkDcOf(String phone, String clientIp) {
        if (networks.isEmpty() || clientIp == null || clientIp.isBlank() || testNumberDc(phone).isPresent()) {
            return OptionalInt.empty();
        }
        for (int length = Math.min(phone.length(), 15); length > 0; length--) {
            if (configuredPrefixes.contains(phone.substring(0, length))) {
                return OptionalInt.empty();
            }
        }
        byte[] ip;
        try {
            if (!clientIp.matches("[0-9a-fA-F.:]+")) {
                return OptionalInt.empty(); // never a name lookup
            }
            ip = java.net.InetAddress.getByName(clientIp).getAddress();
        } catch (java.net.UnknownHostException e) {
            return OptionalInt.empty();
        }
        for (Network n : networks) {
            if (n.contains(ip)) {
                return OptionalInt.of(n.dc());
            }
        }
        return OptionalInt.empty();
    }

    /** X of a test number {@code 99966XYYYY} when test numbers are on and X is a configured DC. */
    public OptionalInt testNumberDc(String phone) {
        if (!testNumbers || phone.length() != 10 || !phone.startsWith("99966")) {
            return OptionalInt.empty();
        }
        int dc = phone.charAt(5) - '0';
        return dc >= 1 && dc <= 9 && configured(dc) ? OptionalInt.of(dc) : OptionalInt.empty();
    }
}
