package io.heliograph.mtproto.fuzz;

import io.heliograph.tl.TlConstants;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import io.heliograph.tl.schema.TlCombinator;
import io.heliograph.tl.schema.TlSchema;
import io.heliograph.tl.schema.TlSchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A libFuzzer dictionary of every TL constructor id the server knows (newest layer, MTProto service schema, older
 * layers) and the protocol's magic numbers, as 4 little-endian bytes each. The generated registry's dispatch switch
 * is too large for Jazzer to instrument, so without these the fuzzer would have to guess 32-bit ids blindly.
 *
 * <p>Written from the schemas at run time (never stale): the fuzz targets call {@link #writeIfRequested()} before
 * fuzzing starts, and the build passes the same path to libFuzzer as {@code -dict=} (see the module's pom).
 */
final class TlDictionary {

    /** The system property naming the file to write. */
    static final String PROPERTY = "heliograph.fuzz.dict";

    private static final int[] MAGIC = {
        TlConstants.VECTOR, TlConstants.BOOL_TRUE, TlConstants.BOOL_FALSE,
        0x73f1f8dc, // msg_container
        0x3072cfa1, // gzip_packed
        0xf35c6d01, // rpc_result
        0xeeeeeeee, 0xdddddddd, 0xefefefef, // transport markers and obfuscated2 tags
        158, 198, 227, ApiRegistry.LAYER,
    };

    private TlDictionary() {
    }

    static void writeIfRequested() throws IOException {
        String path = System.getProperty(PROPERTY);
        if (path != null && !path.isBlank()) {
            Path file = Path.of(path);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines(), StandardCharsets.US_ASCII);
        }
    }

    static List<String> lines() {
        Set<Integer> ids = new TreeSet<>();
        for (int m : MAGIC) {
            ids.add(m);
        }
        for (List<Class<? extends TlObject>> classes : List.of(ApiRegistry.classes(), MtprotoRegistry.classes())) {
            for (Class<? extends TlObject> c : classes) {
                try {
                    ids.add(c.getField("CONSTRUCTOR_ID").getInt(null));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(c.getName(), e);
                }
            }
        }
        for (int layer : TlChecks.OLD_LAYERS) {
            TlSchema schema = schema(layer);
            schema.constructors().stream().map(TlCombinator::id).forEach(ids::add);
            schema.functions().stream().map(TlCombinator::id).forEach(ids::add);
        }
        List<String> lines = new ArrayList<>(ids.size());
        for (int id : ids) {
            lines.add(String.format("\"\\x%02x\\x%02x\\x%02x\\x%02x\"", id & 0xff, (id >>> 8) & 0xff, (id >>> 16) & 0xff,
                    (id >>> 24) & 0xff));
        }
        return lines;
    }

    private static TlSchema schema(int layer) {
        try (InputStream in = TlDictionary.class.getResourceAsStream("/tl/api-layer" + layer + ".tl")) {
            if (in == null) {
                throw new IllegalStateException("no schema for layer " + layer);
            }
            return TlSchemaParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
