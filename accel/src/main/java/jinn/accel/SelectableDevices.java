package jinn.accel;

import java.util.List;

/**
 * A capability a backend may offer: several devices to run on, listed and chosen by people (the
 * REPL's {@code /backend NAME:DEVICE}). Found with {@code instanceof}.
 */
public interface SelectableDevices {

    /** Every device as one line, its identifier first ("driver:index TYPE name ..."), the default first; empty when there are none. */
    List<String> devices();

    /**
     * Moves this backend to the device that {@code spec} names (an identifier, part of a name, or a
     * type such as "gpu") and returns its description. An unknown device is an error that lists them.
     */
    String useDevice(String spec);
}
