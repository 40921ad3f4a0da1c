package io.heliograph.tl.layer;

import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.schema.TlSchema;
import io.heliograph.tl.schema.TlSchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API layers this server speaks: the newest (generated code) and every older layer whose schema ships in
 * {@code tl/}. A client's layer (from {@code invokeWithLayer}) is served by the newest known layer not above it, or
 * the oldest known layer for clients older than that.
 */
public final class Layers {

    /** Layers whose schema is packaged as {@code tl/api-layer<N>.tl}. */
    public static final int[] KNOWN = {158, 198, 227, ApiRegistry.LAYER};

    private static final Map<Integer, LayerCodec> CODECS = new ConcurrentHashMap<>();
    private static final NavigableMap<Integer, Integer> AVAILABLE = new TreeMap<>();
    private static volatile TlSchema newest;

    static {
        for (int l : KNOWN) {
            AVAILABLE.put(l, l);
        }
    }

    private Layers() {
    }

    public static int newestLayer() {
        return ApiRegistry.LAYER;
    }

    /** The schema layer used for a client that announced {@code clientLayer}. */
    public static int servedLayer(int clientLayer) {
        Map.Entry<Integer, Integer> e = AVAILABLE.floorEntry(clientLayer);
        return e != null ? e.getValue() : AVAILABLE.firstKey();
    }

    /** The codec for a client's layer (cached; safe to share between threads). */
    public static LayerCodec forClient(int clientLayer) {
        int served = servedLayer(clientLayer);
        return CODECS.computeIfAbsent(served, l -> new LayerCodec(l, load(l), newest()));
    }

    static TlSchema newest() {
        TlSchema n = newest;
        if (n == null) {
            n = load(ApiRegistry.LAYER);
            newest = n;
        }
        return n;
    }

    static TlSchema load(int layer) {
        String resource = "/tl/api-layer" + layer + ".tl";
        try (InputStream in = Layers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema for layer " + layer + " (" + resource + ")");
            }
            return TlSchemaParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
