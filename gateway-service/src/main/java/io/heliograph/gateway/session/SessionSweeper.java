package io.heliograph.gateway.session;

import io.heliograph.mtproto.session.ServerSession;
import io.heliograph.mtproto.session.SessionRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/** Forgets sessions whose client has been gone longer than the session lifetime, with what was kept for them. */
public final class SessionSweeper implements SmartLifecycle {

    private final SessionRegistry registry;
    private final GatewaySessions sessions;
    private final Duration lifetime;
    private volatile ScheduledExecutorService timer;

    public SessionSweeper(SessionRegistry registry, GatewaySessions sessions, Duration lifetime) {
        this.registry = registry;
        this.sessions = sessions;
        this.lifetime = lifetime;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-session-sweeper");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, Math.min(60, lifetime.toSeconds() / 4));
        timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.SECONDS);
    }

    void sweep() {
        for (ServerSession s : registry.expire(lifetime.toMillis())) {
            sessions.removed(s);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
