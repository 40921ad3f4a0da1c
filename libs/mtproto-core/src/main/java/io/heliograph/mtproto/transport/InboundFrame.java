package io.heliograph.mtproto.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One MTProto payload as a client framed it. The handler that reads it owns it and must release it (a
 * {@link io.netty.channel.SimpleChannelInboundHandler} does so on return); the payload is usually a retained slice of
 * the decoder's cumulation buffer, so keep it no longer than needed.
 *
 * <p>Under padded intermediate the payload ends with the client's 0..15 padding bytes: MTProto messages delimit
 * themselves (an encrypted message is 24 bytes plus a multiple of 16, an unencrypted one carries its length), so the
 * session ignores whatever follows.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 */
public final class InboundFrame extends DefaultByteBufHolder {

    private final boolean quickAckRequested;

    public InboundFrame(ByteBuf payload, boolean quickAckRequested) {
        super(payload);
        this.quickAckRequested = quickAckRequested;
    }

    public ByteBuf payload() {
        return content();
    }

    /**
     * Whether the client set the quick ACK bit; if the payload decrypts and is accepted, the session answers with a
     * {@link QuickAck}.
     */
    public boolean quickAckRequested() {
        return quickAckRequested;
    }

    @Override
    public InboundFrame copy() {
        return replace(content().copy());
    }

    @Override
    public InboundFrame duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public InboundFrame retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public InboundFrame replace(ByteBuf content) {
        return new InboundFrame(content, quickAckRequested);
    }

    @Override
    public InboundFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public InboundFrame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public InboundFrame touch() {
        super.touch();
        return this;
    }

    @Override
    public InboundFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundFrame other && quickAckRequested == other.quickAckRequested && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Boolean.hashCode(quickAckRequested);
    }

    @Override
    public String toString() {
        return "InboundFrame(" + content().readableBytes() + " bytes" + (quickAckRequested ? ", quick ack)" : ")");
    }
}
