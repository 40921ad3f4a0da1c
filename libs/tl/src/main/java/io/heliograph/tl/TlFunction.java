package io.heliograph.tl;

/** A TL function (an RPC), typed by its result, which it knows how to read. */
public interface TlFunction<R> extends TlObject {

    R readResult(TlReader r);
}
