package io.heliograph.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Physical topic names for one namespace: {@code <namespace>dc<N>.<suffix>}. The namespace is empty in production and
 * unique per test run, so runs never see each other's records.
 */
public record TopicNames(String namespace) {

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9_]{0,24}");
    private static final Pattern INSTANCE = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public TopicNames {
        Objects.requireNonNull(namespace, "namespace");
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must match " + NAMESPACE + ", got '" + namespace + "'");
        }
    }

    public String name(Topic topic, DcId dc) {
        if (topic.perGatewayInstance()) {
            throw new IllegalArgumentException(topic + " is per gateway instance; use gatewayDeliveries()");
        }
        return prefix(dc) + topic.suffix();
    }

    public String gatewayDeliveries(DcId dc, String gatewayInstance) {
        if (!INSTANCE.matcher(gatewayInstance).matches()) {
            throw new IllegalArgumentException("gateway instance id must match " + INSTANCE + ", got '" + gatewayInstance + "'");
        }
        return prefix(dc) + "gateway." + gatewayInstance + "." + Topic.GATEWAY_DELIVERIES.suffix();
    }

    private String prefix(DcId dc) {
        return (namespace.isEmpty() ? "" : namespace + ".") + "dc" + dc.value() + ".";
    }
}
