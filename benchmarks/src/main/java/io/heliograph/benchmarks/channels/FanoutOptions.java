package io.heliograph.benchmarks.channels;

import static io.heliograph.benchmarks.CommandLine.nonNegative;
import static io.heliograph.benchmarks.CommandLine.positive;

import io.heliograph.benchmarks.CommandLine;
import java.util.Map;

/** The command line of {@link ChannelFanoutLoad} ({@code --name=value}). */
record FanoutOptions(int sessions, int sessionsPerUser, int warmup, int runs, int textSize, int serverThreads,
        int clientThreads, int sampleEvery, int connectConcurrency, int timeoutSeconds, String kafka,
        int kafkaRoundTrips) {

    /** The bootstrap servers of bin/infra's {@code test} instance, for a bare {@code --kafka}. */
    static final String TEST_KAFKA = "127.0.0.1:19092";

    static final String USAGE = """
            ChannelFanoutLoad: one channel post pushed by the gateway's production push path to every online member
            session, over in-VM connections (Netty local channels with the gateway's own pipeline), time to the last
            frame received, beside single-threaded encryptions of the same packet in the same run.
              --sessions=100000          online sessions, all of members of the one channel
              --sessions-per-user=2      sessions (each its own auth key and connection) per user
              --warmup=3 --runs=5        fan-outs not measured (JIT warm-up), then measured ones
              --text-size=100            characters of the post's text
              --server-threads=4         the gateway's event loops (default: Reactor Netty's, max(cores, 4))
              --client-threads=1         event loops of the client ends (they only count frames)
              --sample-every=1000        every n-th session keeps its last frame, decrypted and checked after each run
              --connect-concurrency=512  sessions being set up at once
              --timeout=120              seconds a fan-out may take before the run fails
              --smoke                    2000 sessions, 1 + 2 runs: finishes in seconds
              --kafka[=127.0.0.1:19092]  the whole path through this Kafka instead: a ChannelPost produced to
                                         channel-posts, fanout-service's ChannelFanout, the instance's deliveries
                                         topic read by the gateway's TopicTail; topics of a namespace of the run's
                                         own (bench<random>.dc1.*), deleted at the end. Time from the produce call.
              --kafka-round-trips=20     Kafka baseline after each fan-out: the median of this many produce ->
                                         consume round trips of one record of the post's size
            """;

    static FanoutOptions parse(String[] args) {
        Map<String, String> a = CommandLine.parse(args, USAGE);
        boolean smoke = Boolean.parseBoolean(a.getOrDefault("smoke", "false"));
        int cores = Runtime.getRuntime().availableProcessors();
        FanoutOptions o = new FanoutOptions(positive(a, "sessions", smoke ? 2_000 : 100_000),
                positive(a, "sessions-per-user", 2), nonNegative(a, "warmup", smoke ? 1 : 3),
                positive(a, "runs", smoke ? 2 : 5), positive(a, "text-size", 100),
                positive(a, "server-threads", Math.max(cores, 4)), positive(a, "client-threads", 1),
                positive(a, "sample-every", smoke ? 100 : 1000), positive(a, "connect-concurrency", 512),
                positive(a, "timeout", 120), kafka(a.get("kafka")), positive(a, "kafka-round-trips", 20));
        if (o.sessions % o.sessionsPerUser != 0) {
            throw new IllegalArgumentException("--sessions must be a multiple of --sessions-per-user\n" + USAGE);
        }
        return o;
    }

    private static String kafka(String value) {
        if (value == null) {
            return null;
        }
        if (value.equals("true")) {
            return TEST_KAFKA;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("--kafka needs bootstrap servers, e.g. --kafka=" + TEST_KAFKA);
        }
        return value;
    }

    boolean throughKafka() {
        return kafka != null;
    }

    int users() {
        return sessions / sessionsPerUser;
    }

}
