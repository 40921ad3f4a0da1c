package io.heliograph.mtproto.client;

/** User event: the stream's init bytes are written, MTProto packets may follow. */
enum TransportReady {
    INSTANCE
}
