package io.heliograph.benchmarks.messaging;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own perf tools against the platform's Kafka, on topics of their own (as many partitions as
 * {@code box-commands}, deleted afterwards), with the platform's record size: producer and consumer throughput, the
 * end-to-end latency of one record at a time, and the producer's ack latency at the platform's offered rate.
 */
final class KafkaComparison {

    /**
     * @param cpuMicrosPerRecord CPU (broker and tool JVMs) per record produced and consumed by the throughput runs,
     *     less what a run of one record costs (JVM start, connecting): NaN without the broker's pid
     */
    record Result(int recordSize, KafkaTools.Produced produced, KafkaTools.Consumed consumed,
            KafkaTools.EndToEnd endToEnd, KafkaTools.Produced ratedProduce, double cpuMicrosPerRecord) {

        /** Records/s when the machine both produces and consumes each record: 1 / (1/produce + 1/consume). */
        double rawProduceConsume() {
            return 1 / (1 / produced.perSecond() + 1 / consumed.fetchPerSecond());
        }
    }

    private KafkaComparison() {
    }

    /** One run of a tool. */
    interface ToolRun<T> {
        T run() throws Exception;
    }

    /** What a tool printed, and the CPU seconds the broker and the tool's JVM (a child of this one) used meanwhile. */
    record Costed<T>(T result, double cpuSeconds) {
    }

    private static <T> Costed<T> costed(long broker, ToolRun<T> run) throws Exception {
        double brokerBefore = CpuTime.seconds(broker);
        double toolsBefore = CpuTime.childrenSeconds();
        T result = run.run();
        return new Costed<>(result, CpuTime.seconds(broker) - brokerBefore + CpuTime.childrenSeconds() - toolsBefore);
    }

    static Result run(MessagingOptions o, int recordSize, int offeredRate, int partitions) throws Exception {
        KafkaTools tools = new KafkaTools(o.kafkaClasspath(), o.kafka(), MessagingLoad.logDir());
        String suffix = Long.toString(System.currentTimeMillis());
        String throughput = "heliograph-bench.perf-" + suffix;
        String e2e = "heliograph-bench.e2e-" + suffix;
        String rated = "heliograph-bench.rated-" + suffix;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(throughput, partitions, (short) 1), new NewTopic(e2e, 1, (short) 1),
                    new NewTopic(rated, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                long broker = o.cpuPids().getOrDefault("kafka", -1L);
                // what the tools cost for one record: JVM start, metadata, connecting; taken off the runs below
                double produceOne = costed(broker, () -> tools.produce(rated, 1, recordSize, -1)).cpuSeconds();
                double consumeOne = costed(broker, () -> tools.consume(rated, 1)).cpuSeconds();
                System.out.printf("kafka: ProducerPerformance, %d records of %d bytes, acks=all%n", o.kafkaRecords(), recordSize);
                Costed<KafkaTools.Produced> produced = costed(broker, () -> tools.produce(throughput, o.kafkaRecords(), recordSize, -1));
                System.out.printf("kafka: ConsumerPerformance, %d records%n", o.kafkaRecords());
                Costed<KafkaTools.Consumed> consumed = costed(broker, () -> tools.consume(throughput, o.kafkaRecords()));
                double perRecord = (produced.cpuSeconds() - produceOne + consumed.cpuSeconds() - consumeOne) * 1e6
                        / o.kafkaRecords();
                System.out.printf("kafka: EndToEndLatency, %d records of %d bytes, acks=all%n", o.e2eMessages(), recordSize);
                KafkaTools.EndToEnd endToEnd = tools.endToEnd(e2e, o.e2eMessages(), recordSize);
                long ratedRecords = Math.max(50, (long) offeredRate * (o.warmup().toSeconds() + o.measure().toSeconds()));
                System.out.printf("kafka: ProducerPerformance at %d records/s, %d records%n", offeredRate, ratedRecords);
                KafkaTools.Produced ratedProduce = tools.produce(rated, ratedRecords, recordSize, offeredRate);
                return new Result(recordSize, produced.result(), consumed.result(), endToEnd, ratedProduce, perRecord);
            } finally {
                admin.deleteTopics(List.of(throughput, e2e, rated)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
