package me.klepp.events.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3SequencersTest {

    @Test
    void orders_equal_length_sequencers_as_hex_numbers() {
        assertThat(S3Sequencers.compare("0055AED6DCD90281E5", "0055AED6DCD90281E6")).isNegative();
        assertThat(S3Sequencers.compare("0055AED6DCD90281F0", "0055AED6DCD90281E9")).isPositive();
        assertThat(S3Sequencers.compare("0055AED6DCD90281E5", "0055AED6DCD90281E5")).isZero();
    }

    @Test
    void ignores_letter_case() {
        assertThat(S3Sequencers.compare("0055aed6dcd90281e5", "0055AED6DCD90281E5")).isZero();
        assertThat(S3Sequencers.compare("0a", "0B")).isNegative();
    }

    @Test
    void pads_the_shorter_sequencer_with_zeros_on_the_right() {
        assertThat(S3Sequencers.compare("0055AED6DCD90281E5", "0055AED6DCD90281E500")).isZero();
        // As numbers (left padding) 0x…E6 < 0x…E50; right padding makes it …E60 > …E50.
        assertThat(S3Sequencers.compare("0055AED6DCD90281E6", "0055AED6DCD90281E50")).isPositive();
        assertThat(S3Sequencers.compare("0055AED6DCD90281E50", "0055AED6DCD90281E6")).isNegative();
        assertThat(S3Sequencers.compare("0055AED6DCD90281E4", "0055AED6DCD90281E50")).isNegative();
    }

    @Test
    void sorts_a_missing_sequencer_first() {
        assertThat(S3Sequencers.compare(null, "00")).isNegative();
        assertThat(S3Sequencers.compare("00", null)).isPositive();
        assertThat(S3Sequencers.compare(null, null)).isZero();
    }

    @Test
    void works_as_a_comparator() {
        List<String> sequencers = new ArrayList<>(
                Arrays.asList("0055AED6DCD90281E6", null, "0055AED6DCD90281E50", "0055AED6DCD90281E5F1"));

        sequencers.sort(S3Sequencers::compare);

        assertThat(sequencers).containsExactly(null, "0055AED6DCD90281E50", "0055AED6DCD90281E5F1",
                "0055AED6DCD90281E6");
    }

    @Test
    void refuses_what_is_not_hex() {
        assertThatThrownBy(() -> S3Sequencers.compare("0055AED6DCD90281E5", "not-a-sequencer"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-a-sequencer");
    }
}
