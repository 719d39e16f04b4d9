package jinn.repl.command;

final class HelpCommand implements Command {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "/help [command]";
    }

    @Override
    public String help() {
        return "list the commands and keys, or explain one command";
    }

    @Override
    public void run(String args, Session session) {
        var out = session.out();
        String word = args.startsWith("/") ? args.substring(1) : args;
        if (!word.isEmpty()) {
            var c = session.commands().find(word);
            if (c.isEmpty()) {
                out.println("no command /" + word + "; /help lists them");
            } else {
                out.println(c.get().usage());
                out.println("  " + c.get().help());
                if (!c.get().aliases().isEmpty()) out.println("  also: /" + String.join(", /", c.get().aliases()));
            }
            return;
        }
        out.println("Type Java or jinn code; a value is shown with its name ($1, $2... when unnamed).");
        out.println("Commands:");
        int width = session.commands().all().stream().mapToInt(c -> c.usage().length()).max().orElse(0);
        for (Command c : session.commands().all()) {
            out.printf("  %-" + width + "s  %s%n", c.usage(), c.help());
        }
        out.println("Keys: Tab completes (net().de<Tab>), F1 or Alt-H shows the documentation of the name at the cursor,");
        out.println("      Ctrl-R searches history, Ctrl-C stops a running cell or clears the line, Ctrl-D exits.");
    }
}
