package io.heliograph.standalone;

import io.heliograph.botapi.BotApiApplication;
import io.heliograph.fanout.FanoutApplication;
import io.heliograph.gateway.GatewayApplication;
import io.heliograph.gateway.keys.ServerKeyStore;
import io.heliograph.gateway.transport.MtprotoListeners;
import io.heliograph.media.MediaApplication;
import io.heliograph.message.MessageApplication;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.secretchat.SecretChatApplication;
import io.heliograph.session.SessionApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the whole platform in one JVM: every service of every DC as its own Spring application context (own port,
 * own configuration name, own DC), against one Kafka and one Cassandra. Writes {@code <var>/run/endpoints.json} once
 * everything has started, and closes every context on shutdown (SIGTERM or Ctrl-C).
 */
public final class StandaloneLauncher {

    static {
        // One logging configuration for the JVM (logback.xml); contexts starting side by side must not re-initialise it.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    private static final Logger log = LoggerFactory.getLogger(StandaloneLauncher.class);

    private StandaloneLauncher() {
    }

    public static void main(String[] args) throws Exception {
        StandaloneConfig config = StandaloneConfig.parse(args);
        List<ConfigurableApplicationContext> started = Collections.synchronizedList(new ArrayList<>());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(started), "heliograph-shutdown"));
        long t0 = System.nanoTime();
        if (config.only() != null) {
            // one service of one DC in its own JVM (bin/heliograph with HELIOGRAPH_SEPARATE); the main JVM lists it
            ServiceSpec spec = ServiceSpec.byService(config.only());
            try {
                started.add(start(spec, config.onlyDc(), 0, config));
            } catch (RuntimeException e) {
                log.error("{} of dc{} failed to start", config.only(), config.onlyDc(), e);
                System.exit(1);
                return;
            }
            log.info("{} of dc{} is up in {} ms (separate process)", config.only(), config.onlyDc(),
                    (System.nanoTime() - t0) / 1_000_000);
            return;
        }
        Map<String, String> health = new LinkedHashMap<>();
        List<Endpoints.Dc> dcs = new ArrayList<>();
        String keyPath = null;
        String fingerprint = null;
        String keyUrl = null;
        // DCs start side by side (each on its own thread); the services of one DC start in order.
        ExecutorService pool = Executors.newFixedThreadPool(config.dcs(), r -> new Thread(r, "start-dc"));
        List<Future<DcContexts>> perDc = new ArrayList<>();
        for (int dc = 1; dc <= config.dcs(); dc++) {
            int id = dc;
            perDc.add(pool.submit(() -> startDc(id, config, started)));
        }
        pool.shutdown();
        for (int dc = 1; dc <= config.dcs(); dc++) {
            DcContexts contexts;
            try {
                contexts = perDc.get(dc - 1).get();
            } catch (ExecutionException e) {
                log.error("dc{} failed to start; stopping everything", dc, e.getCause());
                System.exit(1);
                return;
            }
            for (ServiceSpec spec : ServiceSpec.values()) {
                // services run in their own JVMs are listed too: their ports are the same, their health tells
                ConfigurableApplicationContext ctx = contexts.services().get(spec);
                int port = config.httpPort(dc, spec);
                health.put(spec.service() + "-dc" + dc, "http://" + config.host() + ":" + port + "/actuator/health");
                if (spec == ServiceSpec.GATEWAY) {
                    ServerKeyStore rsa = ctx.getBean(ServerKeyStore.class);
                    keyPath = config.relativize(rsa.publicKeyPath());
                    fingerprint = Long.toString(rsa.fingerprint());
                    keyUrl = "http://" + config.host() + ":" + port + "/mtproto/public-key.pem";
                }
            }
            List<Endpoints.Gateway> gateways = new ArrayList<>();
            for (int k = 0; k < config.gatewaysPerDc(); k++) {
                ConfigurableApplicationContext ctx = k == 0 ? contexts.services().get(ServiceSpec.GATEWAY)
                        : contexts.moreGateways().get(k - 1);
                MtprotoListeners listeners = ctx.getBean(MtprotoListeners.class);
                int http = config.gatewayHttpPort(dc, k);
                gateways.add(new Endpoints.Gateway("dc" + dc + "-" + k, listeners.port(),
                        "ws://" + config.host() + ":" + listeners.wsPort() + "/apiws", "http://" + config.host() + ":" + http));
                if (k > 0) {
                    health.put(ServiceSpec.GATEWAY.service() + "-dc" + dc + "-" + k, "http://" + config.host() + ":" + http + "/actuator/health");
                }
            }
            dcs.add(new Endpoints.Dc(dc, config.host(), gateways.get(0).tcpPort(), gateways.get(0).webSocketUrl(), gateways));
        }
        String botApi = "http://" + config.host() + ":" + config.httpPort(1, ServiceSpec.BOT_API);
        Endpoints endpoints = new Endpoints(dcs, botApi, keyPath, fingerprint, keyUrl, health);
        writeAtomically(config.var().resolve("run/endpoints.json"), endpoints.toJson());
        log.info("Heliograph is up: {} DCs, {} services in {} ms; endpoints in {}", config.dcs(), started.size(),
                (System.nanoTime() - t0) / 1_000_000, config.var().resolve("run/endpoints.json"));
        System.out.println(endpoints.describe());
    }

    /** The contexts this JVM started for one DC: a service run separately has none. */
    private record DcContexts(Map<ServiceSpec, ConfigurableApplicationContext> services,
            List<ConfigurableApplicationContext> moreGateways) {
    }

    private static DcContexts startDc(int dc, StandaloneConfig config, List<ConfigurableApplicationContext> started) {
        Map<ServiceSpec, ConfigurableApplicationContext> services = new EnumMap<>(ServiceSpec.class);
        for (ServiceSpec spec : ServiceSpec.values()) {
            if (!config.runsHere(spec, dc)) {
                log.info("{} of dc{} runs in its own process", spec.service(), dc);
                continue;
            }
            ConfigurableApplicationContext ctx = start(spec, dc, 0, config);
            started.add(ctx);
            services.put(spec, ctx);
        }
        List<ConfigurableApplicationContext> moreGateways = new ArrayList<>();
        for (int k = 1; k < config.gatewaysPerDc(); k++) {
            ConfigurableApplicationContext ctx = start(ServiceSpec.GATEWAY, dc, k, config);
            started.add(ctx);
            moreGateways.add(ctx);
        }
        return new DcContexts(services, moreGateways);
    }

    /** Starts one service of a DC; {@code instance} counts gateway instances (other services run one each). */
    private static ConfigurableApplicationContext start(ServiceSpec spec, int dc, int instance, StandaloneConfig config) {
        int port = spec == ServiceSpec.GATEWAY ? config.gatewayHttpPort(dc, instance) : config.httpPort(dc, spec);
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=" + config.host(),
                "--heliograph.dc=" + dc,
                "--heliograph.instance-id=dc" + dc + "-" + instance,
                "--spring.kafka.bootstrap-servers=" + config.kafka(),
                "--spring.cassandra.contact-points=" + config.cassandra()));
        if (spec == ServiceSpec.SESSION) {
            List<String> ids = new ArrayList<>();
            for (int other = 1; other <= config.dcs(); other++) {
                ids.add(Integer.toString(other));
            }
            args.add("--heliograph.session.dcs.ids=" + String.join(",", ids));
        }
        if (spec == ServiceSpec.MESSAGE) {
            args.add("--heliograph.message.session-url=http://" + config.host() + ":" + config.httpPort(dc, ServiceSpec.SESSION));
        }
        if (spec == ServiceSpec.GATEWAY) {
            args.add("--heliograph.gateway.tcp-host=" + config.host());
            args.add("--heliograph.gateway.tcp-port=" + config.tcpPort(dc, instance));
            args.add("--heliograph.gateway.ws-port=" + config.wsPort(dc, instance));
            args.add("--heliograph.gateway.rsa-key-path=" + config.var().resolve("keys/server-rsa.pem"));
            for (ServiceSpec owner : ServiceSpec.values()) {
                if (owner.gatewayRoute() != null) {
                    args.add("--heliograph.gateway.services." + owner.gatewayRoute() + "=http://" + config.host() + ":"
                            + config.httpPort(dc, owner));
                }
            }
            for (int other = 1; other <= config.dcs(); other++) {
                int i = other - 1;
                args.add("--heliograph.gateway.dcs[" + i + "].id=" + other);
                args.add("--heliograph.gateway.dcs[" + i + "].host=" + config.host());
                args.add("--heliograph.gateway.dcs[" + i + "].tcp-port=" + config.tcpPort(other, 0));
                args.add("--heliograph.gateway.dcs[" + i + "].ws-port=" + config.wsPort(other, 0));
            }
        }
        log.info("starting {} for dc{} on port {}", spec.service() + (instance > 0 ? "-" + instance : ""), dc, port);
        long t0 = System.nanoTime();
        ConfigurableApplicationContext ctx = HeliographApplication.builder(spec.application(), spec.service())
                .web(WebApplicationType.REACTIVE)
                .logStartupInfo(false)
                .run(args.toArray(String[]::new));
        log.info("started {} for dc{} in {} ms", spec.service(), dc, (System.nanoTime() - t0) / 1_000_000);
        return ctx;
    }

    private static void closeAll(List<ConfigurableApplicationContext> contexts) {
        List<ConfigurableApplicationContext> copy;
        synchronized (contexts) {
            copy = new ArrayList<>(contexts);
        }
        Collections.reverse(copy);
        copy.parallelStream().forEach(ctx -> {
            try {
                ctx.close();
            } catch (RuntimeException e) {
                log.warn("error while stopping {}", ctx.getId(), e);
            }
        });
    }

    static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The services of one DC, in start order, with their HTTP port offsets within the DC's port block. */
    enum ServiceSpec {
        SESSION(SessionApplication.class, SessionApplication.SERVICE, 1, "session"),
        MESSAGE(MessageApplication.class, MessageApplication.SERVICE, 2, "message"),
        FANOUT(FanoutApplication.class, FanoutApplication.SERVICE, 3, null),
        MEDIA(MediaApplication.class, MediaApplication.SERVICE, 4, "media"),
        BOT_API(BotApiApplication.class, BotApiApplication.SERVICE, 5, "bot-api"),
        SECRET_CHAT(SecretChatApplication.class, SecretChatApplication.SERVICE, 6, "secret-chat"),
        GATEWAY(GatewayApplication.class, GatewayApplication.SERVICE, 80, null);

        private final Class<?> application;
        private final String service;
        private final int portOffset;
        private final String gatewayRoute;

        ServiceSpec(Class<?> application, String service, int portOffset, String gatewayRoute) {
            this.application = application;
            this.service = service;
            this.portOffset = portOffset;
            this.gatewayRoute = gatewayRoute;
        }

        /** The service of that name ({@code message-service}, ...). */
        static ServiceSpec byService(String name) {
            for (ServiceSpec spec : values()) {
                if (spec.service.equals(name)) {
                    return spec;
                }
            }
            throw new IllegalArgumentException("no service named '" + name + "'");
        }

        /** The name the gateway routes API methods to this service by (heliograph.gateway.services), or null. */
        String gatewayRoute() {
            return gatewayRoute;
        }

        Class<?> application() {
            return application;
        }

        String service() {
            return service;
        }

        int portOffset() {
            return portOffset;
        }
    }
}
