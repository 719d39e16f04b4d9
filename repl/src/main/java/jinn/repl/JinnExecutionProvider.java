package jinn.repl;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell the one {@link JinnExecutionControl} the engine keeps a reference to. */
final class JinnExecutionProvider implements ExecutionControlProvider {

    private JinnExecutionControl control;

    @Override
    public String name() {
        return "jinn-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        control = new JinnExecutionControl();
        return control;
    }

    JinnExecutionControl control() {
        return control;
    }
}
