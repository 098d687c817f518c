package fr.adminteleservices.establishment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UaiTest {

    @ParameterizedTest
    @ValueSource(strings = {"0750654D", "0990001N", "0990002P"})
    void validUais(String uai) {
        assertThat(Uai.isValid(uai)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0750654E", "075065D", "0750654d", "07506540", "", "0990001I"})
    void invalidUais(String uai) {
        assertThat(Uai.isValid(uai)).isFalse();
    }

    @Test
    void theCheckLetterSkipsIOAndQ() {
        assertThat(Uai.checkLetter(750654)).isEqualTo('D');
        assertThatThrownBy(() -> new Uai("0750654E")).hasMessageContaining("UAI invalide");
    }
}
