package io.heliograph.fanout.updates;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.fanout.updates.PartitionProgress.GaveUp;
import io.heliograph.fanout.updates.PartitionProgress.InFlight;
import io.heliograph.fanout.updates.PartitionProgress.Rewind;
import io.heliograph.fanout.updates.PartitionProgress.Wait;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress progress = caughtUp(new PartitionProgress(2));

    private static PartitionProgress caughtUp(PartitionProgress p) {
        p.caughtUp();
        return p;
    }

    @Test
    void commitsOnlyPastRecordsWhoseEveryDeliveryIsAcknowledged() {
        InFlight a = progress.begin(10, 0, 2);
        InFlight b = progress.begin(11, 0, 1);
        progress.begin(12, 0, 0); // no online session

        b.done();
        assertThat(progress.settle()).isInstanceOf(Wait.class);
        assertThat(progress.toCommit()).isEqualTo(-1);

        a.done();
        progress.settle();
        assertThat(progress.toCommit()).isEqualTo(-1);

        a.done();
        progress.settle();
        assertThat(progress.toCommit()).isEqualTo(13);
        progress.committed(13);
        assertThat(progress.toCommit()).isEqualTo(-1);
        assertThat(progress.idle()).isTrue();
    }

    @Test
    void aFailedRecordIsReadAgainOnceEverythingAfterItSettled() {
        InFlight a = progress.begin(5, 0, 1);
        InFlight b = progress.begin(6, 0, 1);
        a.failed("t");

        assertThat(progress.settle()).isInstanceOf(Wait.class);
        assertThat(progress.accepting()).as("records read meanwhile are read again later").isFalse();

        b.done();
        assertThat(progress.settle()).isInstanceOfSatisfying(Rewind.class, r -> assertThat(r.record().offset).isEqualTo(5));
        assertThat(progress.toCommit()).as("never past the failed record").isEqualTo(-1);

        progress.rewound(1_000);
        assertThat(progress.accepting()).isTrue();
        assertThat(progress.fetching(999)).isFalse();
        assertThat(progress.fetching(1_000)).isTrue();

        InFlight again = progress.begin(5, 0, 1);
        progress.begin(6, 0, 0);
        again.done();
        progress.settle();
        assertThat(progress.toCommit()).isEqualTo(7);
    }

    @Test
    void givesUpAfterItsRetries() {
        for (int attempt = 0; attempt < 3; attempt++) {
            progress.begin(20, 0, 1).failed("t");
            PartitionProgress.Step step = progress.settle();
            if (attempt < 2) {
                assertThat(step).isInstanceOf(Rewind.class);
                progress.rewound(0);
            } else {
                assertThat(step).isInstanceOfSatisfying(GaveUp.class, g -> {
                    assertThat(g.record().failures()).isEqualTo(1);
                    assertThat(g.record().failedTopics()).containsExactly("t");
                });
            }
        }
        assertThat(progress.toCommit()).isEqualTo(21);
    }

    @Test
    void holdsRecordsUntilPresenceIsRead() {
        PartitionProgress fresh = new PartitionProgress(1);
        assertThat(fresh.accepting()).isFalse();
        assertThat(fresh.fetching(Long.MAX_VALUE)).isFalse();
        fresh.caughtUp();
        assertThat(fresh.fetching(0)).isTrue();
    }
}
