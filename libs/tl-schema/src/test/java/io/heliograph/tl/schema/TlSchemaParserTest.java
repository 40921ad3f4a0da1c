package io.heliograph.tl.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TlSchemaParserTest {

    @Test
    void parsesFlagsVectorsGenericsAndSections() {
        TlSchema s = TlSchemaParser.parse("""
                // LAYER 228
                int ? = Int;
                vector#1cb5c415 {t:Type} # [ t ] = Vector t;
                boolFalse#bc799737 = Bool;
                future_salt#0949d9dc valid_since:int valid_until:int salt:long = FutureSalt;
                future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;
                message#94345242 flags:# out:flags.1?true id:int reply_to:flags.3?MessageReplyHeader ids:Vector<long> = Message;
                rsa_public_key n:string e:string = RSAPublicKey;
                ---functions---
                invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
                messages.getHistory#4423e6c5 peer:InputPeer = messages.Messages;
                """);
        assertThat(s.layer()).isEqualTo(228);
        assertThat(s.constructors()).extracting(TlCombinator::name).containsExactly("future_salt", "future_salts", "message");
        TlCombinator msg = s.byName("message");
        assertThat(msg.id()).isEqualTo(0x94345242);
        assertThat(msg.params().get(0).isFlags()).isTrue();
        assertThat(msg.params().get(1).isTrueFlag()).isTrue();
        assertThat(msg.params().get(3).flagBit()).isEqualTo(3);
        assertThat(msg.params().get(4).type().toString()).isEqualTo("Vector<long>");
        assertThat(s.byName("future_salts").params().get(2).type().kind()).isEqualTo(TlTypeRef.Kind.BARE_VECTOR);
        assertThat(s.byName("future_salts").params().get(2).type().element().kind()).isEqualTo(TlTypeRef.Kind.BARE);
        TlCombinator invoke = s.byName("invokeWithLayer");
        assertThat(invoke.function()).isTrue();
        assertThat(invoke.typeParams()).containsExactly("X");
        assertThat(invoke.params().get(1).type().kind()).isEqualTo(TlTypeRef.Kind.QUERY);
        assertThat(invoke.result().kind()).isEqualTo(TlTypeRef.Kind.TYPE_PARAM);
        assertThat(s.byName("messages.getHistory").result().name()).isEqualTo("messages.Messages");
    }

    @Test
    void aBadLineNamesItsNumber() {
        assertThatThrownBy(() -> TlSchemaParser.parse("\nbad#00000001 x:flags.40?int = Bad;"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }
}
