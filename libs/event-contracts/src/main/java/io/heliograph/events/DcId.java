package io.heliograph.events;

/**
 * A data centre id (1, 2, ...): every user has a home DC that owns their data and sequences.
 *
 * @see <a href="https://core.telegram.org/api/datacenter">Working with different Data Centers</a>
 */
public record DcId(int value) {

    public static final int MAX = 1000;

    public DcId {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("DC id must be within 1.." + MAX + ", got " + value);
        }
    }

    public static DcId of(int value) {
        return new DcId(value);
    }

    @Override
    public String toString() {
        return "dc" + value;
    }
}
