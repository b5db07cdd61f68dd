package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppHealthTest {
    final List<String> changes = new ArrayList<>();
    final AppHealth health = new AppHealth(null, URI.create("http://127.0.0.1:1/health"), Duration.ofSeconds(1),
            new AppHealth.Rotation() {
                @Override
                public void join() {
                    changes.add("join");
                }

                @Override
                public void leave() {
                    changes.add("leave");
                }
            });

    @Test
    void joinsOnFirstPassLeavesAfterThreeFailuresInARowAndRejoinsAfterTwoPasses() {
        health.record(false, "down");
        assertThat(changes).isEmpty();
        health.record(true, null);
        assertThat(changes).containsExactly("join");

        health.record(false, "x");
        health.record(false, "x");
        health.record(true, null); // breaks the run
        health.record(false, "x");
        health.record(false, "x");
        assertThat(health.inRotation()).isTrue();
        health.record(false, "x");
        assertThat(changes).containsExactly("join", "leave");

        health.record(true, null);
        assertThat(health.inRotation()).isFalse();
        health.record(true, null);
        assertThat(changes).containsExactly("join", "leave", "join");
    }

    @Test
    void shareIsThePassedPartOfTheLastTenChecks() {
        assertThat(health.share()).isZero();
        for (int i = 0; i < 10; i++) {
            health.record(true, null);
        }
        assertThat(health.share()).isEqualTo(1.0);
        for (int i = 0; i < 3; i++) {
            health.record(false, "x");
        }
        assertThat(health.share()).isEqualTo(0.7);
    }
}
