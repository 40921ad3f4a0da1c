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
public final class Change {

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

    /** The box's owner: a user id, or a channel id. */
    public long owner() {
        return box.owner();
    }

    /** The box's last message id before this change. */
    public int lastMessageId() {
        return box.state.lastMessageId();
    }

    /** Adds a row to the command's batch. */
    public void write(Mono<BoundStatement> statement) {
        statements.add(statement);
    }

    /** Adds a record to produce once the batch is durable. */
    public void emit(ProducerRecord<String, byte[]> record) {
        records.add(record);
    }

    /** The next message id of the box (each call takes one). */
    public int nextMessageId() {
        newMessages++;
        return box.state.lastMessageId() + newMessages;
    }

    /** Takes {@code count} pts events; returns the pts reached. */
    public int takePts(int count) {
        ptsCount += count;
        return box.state.pts() + ptsCount;
    }

    public int pts() {
        return box.state.pts() + ptsCount;
    }

    boolean changesBox() {
        return newMessages > 0 || ptsCount > 0 || !statements.isEmpty();
    }

    void dialog(Dialog d) {
        dialogs.put(d.peer(), d);
    }
}
