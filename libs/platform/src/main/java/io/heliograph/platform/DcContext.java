package io.heliograph.platform;

import io.heliograph.events.DcId;
import io.heliograph.events.Topic;
import io.heliograph.events.TopicNames;

/**
 * The DC this instance serves, and the names of its topics and keyspaces: {@code <namespace>dc<N>.*} topics,
 * keyspace {@code <namespace>heliograph_dc<N>}, and the cross-DC directory keyspace {@code <namespace>heliograph_global}.
 */
public record DcContext(DcId dc, String namespace, String instanceId, TopicNames topics) {

    public static DcContext of(HeliographProperties props) {
        return new DcContext(DcId.of(props.dc()), props.namespace(), props.instanceId(), new TopicNames(props.namespace()));
    }

    public String topic(Topic topic) {
        return topics.name(topic, dc);
    }

    public String keyspace() {
        return prefix() + "heliograph_dc" + dc.value();
    }

    public String globalKeyspace() {
        return prefix() + "heliograph_global";
    }

    private String prefix() {
        return namespace.isEmpty() ? "" : namespace + "_";
    }
}
