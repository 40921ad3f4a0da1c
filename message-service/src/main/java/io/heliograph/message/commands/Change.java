package io.heliograph.message.commands;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import io.heliograph.message.box.Dialog;
import io.heliograph.message.box.Peer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;

/**
 * What applying one command to its box does: the rows to write (one logged batch), the records to produce after
 * they are durable, and the counters and dialogs the box holds afterwards. Nothing is visible until the writer
 * commits it.
 */
final class Change {

    final Box box;
    final long offset;
    final List<Mono<BoundStatement>> statements = new ArrayList<>();
    final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    final Map<Peer, Dialog> dialogs = new LinkedHashMap<>();
    int newMessages;
    int ptsCount;

    Change(Box box, long offset) {
        this.box = box;
        this.offset = offset;
    }

    long owner() {
        return box.owner();
    }

    /** The next message id of the box (each call takes one). */
    int nextMessageId() {
        newMessages++;
        return box.state.lastMessageId() + newMessages;
    }

    /** Takes {@code count} pts events; returns the pts reached. */
    int takePts(int count) {
        ptsCount += count;
        return box.state.pts() + ptsCount;
    }

    int pts() {
        return box.state.pts() + ptsCount;
    }

    boolean changesBox() {
        return newMessages > 0 || ptsCount > 0 || !statements.isEmpty();
    }

    void dialog(Dialog d) {
        dialogs.put(d.peer(), d);
    }
}
