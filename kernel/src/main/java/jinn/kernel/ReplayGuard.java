package jinn.kernel;

import java.util.LinkedHashSet;
import java.util.Iterator;

/**
 * Remembers the signatures of recent messages, so that a message captured on the wire and sent
 * again is refused: every genuine message has its own id and date, hence its own signature.
 * Bounded, as ipykernel's digest history is; the oldest are forgotten first.
 */
final class ReplayGuard {

    static final int CAPACITY = 1 << 16;

    private final int capacity;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();

    ReplayGuard() {
        this(CAPACITY);
    }

    ReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    /** True the first time a signature is seen; false when it is a replay. */
    synchronized boolean firstTime(String signature) {
        if (!seen.add(signature)) return false;
        if (seen.size() > capacity) {
            Iterator<String> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
