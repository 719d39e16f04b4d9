package jinn.accel;

/** Run in a child JVM by {@link BackendsTest}: prints which backend the selection rules pick. */
final class BackendProbe {
    public static void main(String[] args) {
        try {
            Backend b = Backends.current();
            System.out.println(b.name() + " | " + Backends.selectionReason());
        } catch (IllegalArgumentException e) {
            System.out.println("error: " + e.getMessage());
        }
    }
}
