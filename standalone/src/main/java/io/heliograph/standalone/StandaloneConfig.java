package io.heliograph.standalone;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Options of the standalone launcher ({@code --name=value}). Ports: DC N owns the block {@code portBase + 100 * N};
 * in it the other services are +1..+6, and gateway instance k (from 0) has its MTProto TCP listener at +43+10k, its
 * WebSocket listener at +44+10k and its HTTP port (health, public key) at +80+k.
 *
 * <p>{@code --separate=a,b} names services (by service name) that this JVM does not run because each of their DCs
 * runs them in a JVM of its own; {@code --only=<service> --only-dc=<N>} is such a JVM: it runs that one service of DC
 * N with the same arguments the whole-platform JVM would have given it.
 */
record StandaloneConfig(int dcs, String host, int portBase, Path repoRoot, Path var, String kafka, String cassandra,
        int gatewaysPerDc, Set<String> separate, String only, int onlyDc) {

    StandaloneConfig {
        if (dcs < 1 || dcs > 9) {
            throw new IllegalArgumentException("--dcs must be within 1..9, got " + dcs);
        }
        if (gatewaysPerDc < 1 || gatewaysPerDc > 3) {
            throw new IllegalArgumentException("--gateways-per-dc must be within 1..3, got " + gatewaysPerDc);
        }
        if (portBase < 1024 || portBase + 100 * (dcs + 1) > 65535) {
            throw new IllegalArgumentException("--port-base " + portBase + " leaves no room for " + dcs + " DCs");
        }
        separate = Set.copyOf(separate);
        for (String name : separate) {
            separable(name, "--separate");
        }
        if (only != null) {
            separable(only, "--only");
            if (onlyDc < 1 || onlyDc > dcs) {
                throw new IllegalArgumentException("--only-dc must be within 1.." + dcs + ", got " + onlyDc);
            }
            if (!separate.isEmpty()) {
                throw new IllegalArgumentException("--only and --separate exclude each other");
            }
        }
    }

    /** Gateways are not separable: they come in numbered instances that the main JVM reports in endpoints.json. */
    private static StandaloneLauncher.ServiceSpec separable(String name, String option) {
        StandaloneLauncher.ServiceSpec spec = StandaloneLauncher.ServiceSpec.byService(name);
        if (spec == StandaloneLauncher.ServiceSpec.GATEWAY) {
            throw new IllegalArgumentException(option + ": the gateway cannot run as a separate process");
        }
        return spec;
    }

    /** Whether this JVM runs {@code spec} of DC {@code dc}. */
    boolean runsHere(StandaloneLauncher.ServiceSpec spec, int dc) {
        if (only != null) {
            return spec.service().equals(only) && dc == onlyDc;
        }
        return !separate.contains(spec.service());
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
                opts.getOrDefault("cassandra", "127.0.0.1:9042"),
                Integer.parseInt(opts.getOrDefault("gateways-per-dc", "1")),
                new LinkedHashSet<>(Arrays.stream(opts.getOrDefault("separate", "").split(","))
                        .map(String::trim).filter(n -> !n.isEmpty()).toList()),
                opts.get("only"),
                Integer.parseInt(opts.getOrDefault("only-dc", "1")));
    }

    int httpPort(int dc, StandaloneLauncher.ServiceSpec spec) {
        return portBase + 100 * dc + spec.portOffset();
    }

    int tcpPort(int dc, int gateway) {
        return portBase + 100 * dc + 43 + 10 * gateway;
    }

    int wsPort(int dc, int gateway) {
        return portBase + 100 * dc + 44 + 10 * gateway;
    }

    int gatewayHttpPort(int dc, int gateway) {
        return portBase + 100 * dc + 80 + gateway;
    }

    /** A path as the endpoints file gives it: relative to the repository root. */
    String relativize(Path path) {
        return repoRoot.relativize(path.toAbsolutePath().normalize()).toString();
    }
}
