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
 * commits it; the {@code random_id}s and origins it writes are also kept in {@link #wrote}, for later changes of the
 * same group to see before the rows are durable.
 */
public final class Change {

    final Box box;
    final long offset;
    final List<Mono<BoundStatement>> statements = new ArrayList<>();
    final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    final Map<Peer, Dialog> dialogs = new LinkedHashMap<>();
    /** What earlier changes of the writer's batch staged or read ahead; this change's own rows go to {@link #wrote}. */
    final Staged group;
    final Staged wrote = new Staged();
    int newMessages;
    int ptsCount;

    Change(Box box, long offset, Staged group) {
        this.box = box;
        this.offset = offset;
        this.group = group;
    }

    /** A send of this box with {@code randomId} written by this change or an earlier one of its group, or null. */
    int[] stagedSent(long randomId) {
        int[] mine = wrote.sent(owner(), randomId);
        return mine != null ? mine : group.sent(owner(), randomId);
    }

    /** The id of this box's message with that origin written by this change or an earlier one of its group, or null. */
    Integer stagedOrigin(long originUser, int originId) {
        Integer mine = wrote.origin(owner(), originUser, originId);
        return mine != null ? mine : group.origin(owner(), originUser, originId);
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
