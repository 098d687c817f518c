package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a code looks like, how a typed one is read, and that it never prints itself. */
class CodeValueTest {

    @Test
    void codesAreFifteenUnambiguousCharactersInThreeGroups() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String value = CodeValue.random().reveal();
            assertThat(value).matches(GuardianCodesContract.CODE_PATTERN).doesNotContain("0", "O", "1", "I", "L");
            seen.add(value);
        }
        assertThat(seen).hasSize(10_000);
        // 31^15 possibilities: more than the 60 bits asked for
        assertThat(15 * Math.log(CodeValue.ALPHABET.length()) / Math.log(2)).isGreaterThan(74);
    }

    @Test
    void aTypedCodeIsReadWhateverItsCaseAndSeparators() {
        CodeValue code = CodeValue.random();
        String compact = code.reveal().replace("-", "").toLowerCase();

        assertThat(CodeValue.parse(" " + compact.substring(0, 7) + " " + compact.substring(7) + " ").reveal()).isEqualTo(code.reveal());
        assertThat(CodeValue.parse(code.reveal().replace('-', ' ')).reveal()).isEqualTo(code.reveal());
        assertThat(CodeValue.parse("0OIL1-23456-789AB")).as("look-alikes are not part of the alphabet").isNull();
        assertThat(CodeValue.parse("23456-789AB")).isNull();
        assertThat(CodeValue.parse(null)).isNull();
    }

    @Test
    void aCodeNeverPrintsItsValue() {
        CodeValue code = CodeValue.random();
        assertThat(code.toString()).doesNotContain(code.reveal()).isEqualTo("CodeValue[masqué]");
        assertThat(String.valueOf(code)).doesNotContain(code.reveal().substring(0, 5));
        assertThat(CodeValue.masked("AB")).isEqualTo("•••••-•••••-•••AB");
    }
}
