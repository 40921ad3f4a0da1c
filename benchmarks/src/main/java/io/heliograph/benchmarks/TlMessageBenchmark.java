package io.heliograph.benchmarks;

import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessageEntityBold;
import io.heliograph.tl.api.MessageEntityMention;
import io.heliograph.tl.api.MessageEntityTextUrl;
import io.heliograph.tl.api.MessageReplyHeader;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TMessageEntity;
import io.heliograph.tl.api.UpdateShortMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode ({@code toBytes()}) and decode ({@link ApiRegistry#read}) of typical layer-228 messages with a 100-character
 * text: a {@code messages.sendMessage} call, and an {@code updateShortMessage} and a {@code message} (reply header,
 * from/peer ids) with three entities. Compared to one SHA-256 of 256 bytes from {@link CryptoBenchmark}, so run it
 * together with that class for the ratios. Run with {@code BenchmarkMain}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TlMessageBenchmark {

    static final String TEXT = "Hi @alice, the build is green again: see https://ci.example.org/run/4711 and merge when ready :) Thx";
    private static final String BASELINE = "CryptoBenchmark.sha256_256Baseline";

    private MessagesSendMessage sendMessage;
    private UpdateShortMessage updateShortMessage;
    private Message message;
    private byte[] sendMessageBytes;
    private byte[] updateShortMessageBytes;
    private byte[] messageBytes;

    @Setup
    public void setUp() {
        if (TEXT.length() != 100) {
            throw new IllegalStateException("text must be 100 characters, is " + TEXT.length());
        }
        int url = TEXT.indexOf("https://");
        List<TMessageEntity> entities = List.of(
                new MessageEntityMention(TEXT.indexOf("@alice"), 6),
                new MessageEntityBold(TEXT.indexOf("green"), 5),
                new MessageEntityTextUrl(url, TEXT.indexOf(' ', url) - url, "https://ci.example.org/run/4711"));
        sendMessage = new MessagesSendMessage(false, false, false, false, false, false, false, false,
                new InputPeerUser(1002L, 0x5eed5eed5eedL), null, TEXT, 0x1234_5678_9abc_def0L, null, null, null, null,
                null, null, null, null, null, null);
        updateShortMessage = new UpdateShortMessage(false, true, true, false, 4711, 1001L, TEXT, 9001, 1, 1732400000,
                null, null, null, entities, null);
        message = new Message(false, true, true, false, false, false, false, false, false, false, false, false, false,
                false, false,
                4711, new PeerUser(1001L), null, null, new PeerUser(1002L), null, null, null, null, null,
                new MessageReplyHeader(false, false, false, false, 4700, null, null, null, null, null, null, null,
                        null, null),
                1732400000, TEXT, null, null, entities, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        sendMessageBytes = sendMessage.toBytes();
        updateShortMessageBytes = updateShortMessage.toBytes();
        messageBytes = message.toBytes();
        if (!sendMessageDecode().equals(sendMessage) || !updateShortMessageDecode().equals(updateShortMessage)
                || !messageDecode().equals(message)) {
            throw new IllegalStateException("a benchmark message does not survive encode and decode");
        }
    }

    @Benchmark
    @ComparedTo(BASELINE)
    public byte[] sendMessageEncode() {
        return sendMessage.toBytes();
    }

    @Benchmark
    @ComparedTo(BASELINE)
    public TlObject sendMessageDecode() {
        return ApiRegistry.read(new TlReader(sendMessageBytes));
    }

    @Benchmark
    @ComparedTo(BASELINE)
    public byte[] updateShortMessageEncode() {
        return updateShortMessage.toBytes();
    }

    @Benchmark
    @ComparedTo(BASELINE)
    public TlObject updateShortMessageDecode() {
        return ApiRegistry.read(new TlReader(updateShortMessageBytes));
    }

    @Benchmark
    @ComparedTo(BASELINE)
    public byte[] messageEncode() {
        return message.toBytes();
    }

    @Benchmark
    @ComparedTo(BASELINE)
    public TlObject messageDecode() {
        return ApiRegistry.read(new TlReader(messageBytes));
    }
}
