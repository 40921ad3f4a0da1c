package io.heliograph.standalone;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** What {@code var/run/endpoints.json} tells clients and tools: DCs, Bot API, RSA key, health URLs. */
record Endpoints(List<Dc> dcs, String botApiUrl, String rsaPublicKeyPemPath, String rsaFingerprint,
        String rsaPublicKeyUrl, Map<String, String> services) {

    /** A DC as clients reach it: its first gateway, and every gateway instance. */
    record Dc(int id, String host, int tcpPort, String webSocketUrl, List<Gateway> gateways) {
    }

    record Gateway(String instance, int tcpPort, String webSocketUrl, String httpUrl) {
    }

    String toJson() {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(this) + "\n";
    }

    String describe() {
        StringBuilder sb = new StringBuilder("\nHeliograph endpoints\n");
        for (Dc dc : dcs) {
            sb.append(String.format("  DC %d  MTProto tcp://%s:%d   WebSocket %s%n", dc.id(), dc.host(), dc.tcpPort(), dc.webSocketUrl()));
        }
        sb.append("  Bot API        ").append(botApiUrl).append('\n');
        sb.append("  RSA public key ").append(rsaPublicKeyPemPath).append(" (fingerprint ").append(rsaFingerprint)
                .append(", also at ").append(rsaPublicKeyUrl).append(")\n");
        services.forEach((name, url) -> sb.append(String.format("  %-26s %s%n", name, url)));
        return sb.toString();
    }
}
