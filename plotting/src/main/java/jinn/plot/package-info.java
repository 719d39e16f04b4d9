/**
 * Charts for jinn: functions, activations, training curves, images, confusion matrices and decision
 * boundaries, drawn with XChart and shown as files, windows, inline terminal images or text.
 *
 * <p>Everything starts at {@link jinn.plot.Plots} (imported statically by the REPL and notebooks) and
 * returns a {@link jinn.plot.Chart}:
 *
 * <pre>{@code
 * plot(-10, 10, "step", x -> x >= 0 ? 1 : 0, "sigmoid", x -> 1 / (1 + Math.exp(-x)), "tanh", Math::tanh,
 *      "relu", x -> Math.max(0, x), "leaky relu", x -> Math.max(0.1 * x, x)).save("activations.png");
 * activations()                                   // the same five from jinn's tensors, with autograd derivatives
 * History h = net.fit(train, liveLoss(epochs(5).validation(test)));   // loss curve redrawn while training
 * plot(h); batchLoss(h); digits(test, net, 24); mistakes(net, test, 16); confusion(net, test)
 * decisionBoundary(net, moons(300, 0.1, 1)); histograms(net, test.head(256).x())
 * plot(table, "epoch", "loss", "val_loss")       // Tablesaw columns
 * }</pre>
 *
 * <p>Where a chart goes: {@link jinn.plot.Chart#save(String)} (.png, .jpg, .svg),
 * {@link jinn.plot.Chart#show()} (a window when a display exists, else inline), and
 * {@link jinn.plot.InlineImages#render(jinn.plot.Chart, jinn.plot.TerminalKind)} for the kitty, iTerm2
 * and sixel protocols or a Unicode text chart, picked by {@link jinn.plot.TerminalKind#detect()} and
 * overridden by {@code JINN_PLOT=kitty|iterm|sixel|text|none}. Nothing here needs a display: without
 * one, AWT is switched to headless before first use.
 */
package jinn.plot;
