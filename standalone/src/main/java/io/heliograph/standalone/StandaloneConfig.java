package io.heliograph.standalone;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Options of the standalone launcher ({@code --name=value}). Ports: DC N owns the block {@code portBase + 100 * N};
 * in it the gateway's MTProto TCP listener is +43 and its HTTP (health, WebSocket, key) +80, the other services +1..+6.
 */
record StandaloneConfig(int dcs, String host, int portBase, Path repoRoot, Path var, String kafka, String cassandra) {

    StandaloneConfig {
        if (dcs < 1 || dcs > 9) {
            throw new IllegalArgumentException("--dcs must be within 1..9, got " + dcs);
        }
        if (portBase < 1024 || portBase + 100 * (dcs + 1) > 65535) {
            throw new IllegalArgumentException("--port-base " + portBase + " leaves no room for " + dcs + " DCs");
        }
    }

    static StandaloneConfig parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            opts.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path root = Path.of(opts.getOrDefault("repo-root", ".")).toAbsolutePath().normalize();
        Path var = root.resolve(opts.getOrDefault("var", "var")).normalize();
        return new StandaloneConfig(
                Integer.parseInt(opts.getOrDefault("dcs", "2")),
                opts.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(opts.getOrDefault("port-base", "10000")),
                root, var,
                opts.getOrDefault("kafka", "127.0.0.1:9092"),
                opts.getOrDefault("cassandra", "127.0.0.1:9042"));
    }

    int httpPort(int dc, StandaloneLauncher.ServiceSpec spec) {
        return portBase + 100 * dc + spec.portOffset();
    }

    int tcpPort(int dc) {
        return portBase + 100 * dc + 43;
    }

    /** A path as the endpoints file gives it: relative to the repository root. */
    String relativize(Path path) {
        return repoRoot.relativize(path.toAbsolutePath().normalize()).toString();
    }
}
