package jinn.repl.command;

import java.util.List;

final class HistoryCommand implements Command {

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String usage() {
        return "/history";
    }

    @Override
    public String help() {
        return "list what was typed in this session (Ctrl-R searches earlier sessions too)";
    }

    @Override
    public void run(String args, Session session) {
        List<String> cells = session.cells();
        // The /history line itself is the last entry; leave it out.
        int n = cells.size() - (cells.isEmpty() ? 0 : 1);
        if (n == 0) session.out().println("nothing typed yet");
        for (int i = 0; i < n; i++) {
            session.out().printf("%4d  %s%n", i + 1, cells.get(i).replace("\n", "\n      "));
        }
    }
}
