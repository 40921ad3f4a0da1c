package io.heliograph.session.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.platform.rpc.RpcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhonesTest {

    @Test
    void plusAndSpacesAreStripped() {
        assertThat(Phones.normalize("+44 7700 900123")).isEqualTo("447700900123");
        assertThat(Phones.normalize("9996621234")).isEqualTo("9996621234");
        assertThat(Phones.normalize("12345")).isEqualTo("12345");
        assertThat(Phones.normalize("123456789012345")).isEqualTo("123456789012345");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "1234", "1234567890123456", "+1-555-1234", "(555) 1234", "0123456", "12345\u0000",
            "١٢٣٤٥٦", "12345\n", "+++++++++++++++++++++++++++++++++12345"})
    void anythingElseIsPhoneNumberInvalid(String phone) {
        assertThatThrownBy(() -> Phones.normalize(phone)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.type()).isEqualTo("PHONE_NUMBER_INVALID");
        });
    }
}
