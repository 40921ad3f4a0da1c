package io.heliograph.message.box;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.heliograph.events.ChatSnapshot;
import io.heliograph.platform.cassandra.Cql;
import io.heliograph.tl.api.Chat;
import io.heliograph.tl.api.ChatForbidden;
import io.heliograph.tl.api.ChatParticipant;
import io.heliograph.tl.api.ChatParticipantCreator;
import io.heliograph.tl.api.ChatParticipants;
import io.heliograph.tl.api.TChat;
import io.heliograph.tl.api.TChatParticipant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Basic groups: the group's own row (its writer's) and each member box's copy ({@code db/cassandra/.../V10}). */
@Component
public class ChatStore {

    /** Basic group ids: above channel ids, below user ids. */
    public static final long MIN_CHAT_ID = 1L << 31;
    public static final long MAX_CHAT_ID = (1L << 32) - 1;

    /** A member box's copy of a group. */
    public record MemberChat(ChatSnapshot chat, boolean left) {
    }

    private static final String COLUMNS = "chat_id, title, creator_id, date, version, home_dc, participants";

    private final Cql cql;

    public ChatStore(Cql cql) {
        this.cql = cql;
    }

    public static boolean isChatId(long id) {
        return id >= MIN_CHAT_ID && id <= MAX_CHAT_ID;
    }

    public Mono<ChatSnapshot> chat(long chatId) {
        return cql.one("SELECT " + COLUMNS + " FROM chats WHERE chat_id = ?", chatId).map(ChatStore::snapshot);
    }

    public Mono<BoundStatement> putChat(ChatSnapshot c) {
        return cql.bind("INSERT INTO chats (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", c.chatId(), c.title(),
                c.creatorId(), c.date(), c.version(), c.homeDc(), c.participants());
    }

    public Mono<MemberChat> memberChat(long owner, long chatId) {
        return cql.one("SELECT " + COLUMNS + ", left FROM box_chats WHERE owner_id = ? AND chat_id = ?", owner, chatId)
                .map(r -> new MemberChat(snapshot(r), r.getBoolean("left")));
    }

    public Flux<MemberChat> memberChats(long owner) {
        return cql.rows("SELECT " + COLUMNS + ", left FROM box_chats WHERE owner_id = ?", owner)
                .map(r -> new MemberChat(snapshot(r), r.getBoolean("left")));
    }

    public Mono<BoundStatement> putMemberChat(long owner, ChatSnapshot c, boolean left) {
        return cql.bind("INSERT INTO box_chats (owner_id, " + COLUMNS + ", left) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                owner, c.chatId(), c.title(), c.creatorId(), c.date(), c.version(), c.homeDc(), c.participants(), left);
    }

    /** The group as a member sees it ({@code chatForbidden} once they left). */
    public static TChat tl(MemberChat m, long viewer) {
        ChatSnapshot c = m.chat();
        if (m.left()) {
            return new ChatForbidden(c.chatId(), c.title());
        }
        return Chat.builder().creator(c.creatorId() == viewer).id(c.chatId()).title(c.title())
                .photo(new io.heliograph.tl.api.ChatPhotoEmpty()).participantsCount(c.participants().size())
                .date(c.date()).version(c.version()).build();
    }

    public static ChatParticipants participants(ChatSnapshot c) {
        List<TChatParticipant> list = new ArrayList<>();
        for (Map.Entry<Long, Long> p : c.participants().entrySet()) {
            list.add(p.getKey() == c.creatorId() ? new ChatParticipantCreator(p.getKey(), null)
                    : new ChatParticipant(p.getKey(), p.getValue(), c.date(), null));
        }
        return new ChatParticipants(c.chatId(), list, c.version());
    }

    private static ChatSnapshot snapshot(Row r) {
        return new ChatSnapshot(r.getLong("chat_id"), r.getString("title"), r.getLong("creator_id"), r.getInt("date"),
                r.getInt("version"), r.getInt("home_dc"), r.getMap("participants", Long.class, Long.class));
    }
}
