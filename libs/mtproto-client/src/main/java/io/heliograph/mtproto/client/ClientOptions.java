package io.heliograph.mtproto.client;

import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.session.ClientInfo;
import io.heliograph.tl.api.ApiRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Everything one connection needs: where to connect and how, the server's RSA key (for a new auth key) or an existing
 * auth key, the session, the layer and {@code initConnection} parameters, and the shared event loop group. Immutable;
 * {@link #toBuilder()} derives variants, e.g. a reconnect with the same key and session.
 *
 * @see <a href="https://core.telegram.org/mtproto">MTProto Mobile Protocol</a>
 */
public final class ClientOptions {

    /** What {@code initConnection} sends unless set otherwise. */
    public static final ClientInfo DEFAULT_CLIENT_INFO = new ClientInfo(1, "heliograph-mtproto-client",
            "Java " + Runtime.version().feature(), "0.1", "en", "", "en");

    private final InetSocketAddress address;
    private final ClientTransport transport;
    private final String webSocketPath;
    private final RSAPublicKey rsaKey;
    private final int dcId;
    private final AuthKey authKey;
    private final long serverSalt;
    private final OptionalLong sessionId;
    private final int temporaryKeyExpiresIn;
    private final int layer;
    private final ClientInfo clientInfo;
    private final EventLoopGroup eventLoopGroup;
    private final PushListener pushListener;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final Duration requestTimeout;
    private final Clock clock;

    private ClientOptions(Builder b) {
        this.address = Objects.requireNonNull(b.address, "address");
        this.transport = Objects.requireNonNull(b.transport, "transport");
        this.webSocketPath = Objects.requireNonNull(b.webSocketPath, "webSocketPath");
        this.rsaKey = b.rsaKey;
        this.dcId = b.dcId;
        this.authKey = b.authKey;
        this.serverSalt = b.serverSalt;
        this.sessionId = Objects.requireNonNull(b.sessionId, "sessionId");
        this.temporaryKeyExpiresIn = b.temporaryKeyExpiresIn;
        this.layer = b.layer;
        this.clientInfo = Objects.requireNonNull(b.clientInfo, "clientInfo");
        this.eventLoopGroup = b.eventLoopGroup;
        this.pushListener = Objects.requireNonNull(b.pushListener, "pushListener");
        this.connectTimeout = requirePositive(b.connectTimeout, "connectTimeout");
        this.handshakeTimeout = requirePositive(b.handshakeTimeout, "handshakeTimeout");
        this.requestTimeout = requirePositive(b.requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        if (temporaryKeyExpiresIn < 0) {
            throw new IllegalArgumentException("temporaryKeyExpiresIn must be >= 0: " + temporaryKeyExpiresIn);
        }
    }

    private static Duration requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    public static Builder builder(InetSocketAddress address) {
        return new Builder(address);
    }

    public Builder toBuilder() {
        Builder b = new Builder(address);
        b.transport = transport;
        b.webSocketPath = webSocketPath;
        b.rsaKey = rsaKey;
        b.dcId = dcId;
        b.authKey = authKey;
        b.serverSalt = serverSalt;
        b.sessionId = sessionId;
        b.temporaryKeyExpiresIn = temporaryKeyExpiresIn;
        b.layer = layer;
        b.clientInfo = clientInfo;
        b.eventLoopGroup = eventLoopGroup;
        b.pushListener = pushListener;
        b.connectTimeout = connectTimeout;
        b.handshakeTimeout = handshakeTimeout;
        b.requestTimeout = requestTimeout;
        b.clock = clock;
        return b;
    }

    public InetSocketAddress address() {
        return address;
    }

    public ClientTransport transport() {
        return transport;
    }

    public String webSocketPath() {
        return webSocketPath;
    }

    /** The server's public key for RSA_PAD; needed unless {@link #authKey()} is set. */
    public RSAPublicKey rsaKey() {
        return rsaKey;
    }

    public int dcId() {
        return dcId;
    }

    /** An existing key to use instead of a key exchange, or null. */
    public AuthKey authKey() {
        return authKey;
    }

    /** The salt to start with when {@link #authKey()} is set; 0 (as GramJS starts) costs one bad_server_salt. */
    public long serverSalt() {
        return serverSalt;
    }

    /** The session to continue; empty for a new random one. */
    public OptionalLong sessionId() {
        return sessionId;
    }

    /** When positive, the key exchange creates a temporary key valid this many seconds (p_q_inner_data_temp_dc). */
    public int temporaryKeyExpiresIn() {
        return temporaryKeyExpiresIn;
    }

    public int layer() {
        return layer;
    }

    public ClientInfo clientInfo() {
        return clientInfo;
    }

    /** The NIO event loop group to connect on, or null for {@link MtprotoClient#defaultEventLoopGroup()}. */
    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    public PushListener pushListener() {
        return pushListener;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Clock clock() {
        return clock;
    }

    /** Builds {@link ClientOptions}; only the address is required. */
    public static final class Builder {

        private InetSocketAddress address;
        private ClientTransport transport = ClientTransport.INTERMEDIATE;
        private String webSocketPath = "/apiws";
        private RSAPublicKey rsaKey;
        private int dcId = 2;
        private AuthKey authKey;
        private long serverSalt;
        private OptionalLong sessionId = OptionalLong.empty();
        private int temporaryKeyExpiresIn;
        private int layer = ApiRegistry.LAYER;
        private ClientInfo clientInfo = DEFAULT_CLIENT_INFO;
        private EventLoopGroup eventLoopGroup;
        private PushListener pushListener = PushListener.IGNORE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
        }

        /** Another server, e.g. another gateway instance of the same DC for a key made elsewhere. */
        public Builder address(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder transport(ClientTransport transport) {
            this.transport = transport;
            return this;
        }

        public Builder webSocketPath(String path) {
            this.webSocketPath = path;
            return this;
        }

        public Builder rsaKey(RSAPublicKey rsaKey) {
            this.rsaKey = rsaKey;
            return this;
        }

        public Builder dcId(int dcId) {
            this.dcId = dcId;
            return this;
        }

        public Builder authKey(AuthKey authKey) {
            this.authKey = authKey;
            return this;
        }

        public Builder serverSalt(long serverSalt) {
            this.serverSalt = serverSalt;
            return this;
        }

        public Builder sessionId(long sessionId) {
            this.sessionId = OptionalLong.of(sessionId);
            return this;
        }

        public Builder newSession() {
            this.sessionId = OptionalLong.empty();
            return this;
        }

        public Builder temporaryKey(Duration expiresIn) {
            this.temporaryKeyExpiresIn = Math.toIntExact(expiresIn.toSeconds());
            return this;
        }

        public Builder permanentKey() {
            this.temporaryKeyExpiresIn = 0;
            return this;
        }

        public Builder layer(int layer) {
            this.layer = layer;
            return this;
        }

        public Builder clientInfo(ClientInfo clientInfo) {
            this.clientInfo = clientInfo;
            return this;
        }

        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        public Builder pushListener(PushListener listener) {
            this.pushListener = listener;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
