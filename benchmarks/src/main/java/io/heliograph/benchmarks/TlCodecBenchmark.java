package io.heliograph.benchmarks;

import io.heliograph.tl.TlReader;
import io.heliograph.tl.TlWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TL runtime encode+decode of a message-shaped record (ids, a 120-byte text, flags) against the same layout written
 * and read with a little-endian {@link ByteBuffer}, the JDK baseline. Run with {@code BenchmarkMain}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TlCodecBenchmark {

    private final byte[] text = new byte[120];

    @Benchmark
    public long tlRuntime() {
        TlWriter w = new TlWriter(256);
        w.writeInt(0x94345242).writeInt(0x101).writeInt(4711).writeLong(123456789L).writeInt(1732400000).writeBytes(text);
        TlReader r = new TlReader(w.toByteArray());
        return r.readInt() + r.readInt() + r.readInt() + r.readLong() + r.readInt() + r.readBytes(4096).length;
    }

    @Benchmark
    public long byteBufferBaseline() {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x94345242).putInt(0x101).putInt(4711).putLong(123456789L).putInt(1732400000);
        b.put((byte) text.length).put(text);
        while ((b.position() & 3) != 0) {
            b.put((byte) 0);
        }
        byte[] out = java.util.Arrays.copyOf(b.array(), b.position());
        ByteBuffer in = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        long sum = in.getInt() + in.getInt() + in.getInt() + in.getLong() + in.getInt();
        byte[] t = new byte[in.get() & 0xff];
        in.get(t);
        return sum + t.length;
    }
}
