package io.heliograph.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name=value} command lines of the load generators: parsed once here, read by each one's options. */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * {@code --name=value} and bare {@code --flag} (= {@code true}) by name; anything else, or {@code --help}, throws
     * with {@code usage} as the message.
     */
    public static Map<String, String> parse(String[] args, String usage) {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "\n" + usage);
            }
            int eq = arg.indexOf('=');
            a.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        if (a.containsKey("help")) {
            throw new IllegalArgumentException(usage);
        }
        return a;
    }

    /** An int option that must be above 0. */
    public static int positive(Map<String, String> args, String name, int fallback) {
        int v = Integer.parseInt(args.getOrDefault(name, Integer.toString(fallback)));
        if (v <= 0) {
            throw new IllegalArgumentException("--" + name + " must be > 0: " + v);
        }
        return v;
    }

    /** An int option that must not be below 0. */
    public static int nonNegative(Map<String, String> args, String name, int fallback) {
        int v = Integer.parseInt(args.getOrDefault(name, Integer.toString(fallback)));
        if (v < 0) {
            throw new IllegalArgumentException("--" + name + " must be >= 0: " + v);
        }
        return v;
    }
}
