package io.heliograph.events;

import java.util.Objects;

/** A file's parts are complete and stored in its DC; CDN instances may replicate it. */
public record FileStored(long fileId, int dcId, long size, String mimeType, byte[] sha256) implements Event {

    public FileStored {
        Objects.requireNonNull(mimeType, "mimeType");
    }
}
