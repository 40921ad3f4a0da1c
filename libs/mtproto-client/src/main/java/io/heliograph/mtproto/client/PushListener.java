package io.heliograph.mtproto.client;

import io.heliograph.tl.TlObject;

/**
 * Receives what the server sends on its own: {@code updates}, {@code updateShort} and other API objects, and
 * {@code new_session_created} (after which a real client calls {@code updates.getDifference}). Called on the
 * connection's event loop: it must not block.
 *
 * @see <a href="https://core.telegram.org/api/updates">Working with updates</a>
 */
@FunctionalInterface
public interface PushListener {

    PushListener IGNORE = (client, object) -> {
    };

    void onPush(MtprotoClient client, TlObject object);
}
