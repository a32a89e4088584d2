using Portal.Benchmarks;

// Load and speed runs; not part of the test suite. Usage: dotnet run -c Release --project tests/Portal.Benchmarks -- <name> [options]
return args switch
{
    ["store-append", .. var rest] => await StoreAppendBenchmark.RunAsync(rest),
    ["smtp-deliver", .. var rest] => await SmtpDeliveryBenchmark.RunAsync(rest),
    ["smtp-compare", .. var rest] => await Portal.Benchmarks.SmtpCompare.SmtpCompareBenchmark.RunAsync(rest),
    ["imap-idle", .. var rest] => await ImapIdleBenchmark.RunAsync(rest),
    ["imap-idle-clients", .. var rest] => await ImapIdleClients.RunAsync(rest),
    ["imap-100k", .. var rest] => await Imap100kBenchmark.RunAsync(rest),
    ["imap-100k-client", .. var rest] => await Imap100kClients.RunAsync(rest),
    ["imap-100k-probe", .. var rest] => await Imap100kProbe.RunAsync(rest),
    ["webmail", .. var rest] => await WebmailBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Portal.Benchmarks store-append [--provider Sqlite|PostgreSql] [--writers N] [--messages N] [--size BYTES]");
    Console.Error.WriteLine("       Portal.Benchmarks smtp-deliver [--clients N] [--messages N] [--size BYTES] [--auth-timeout hh:mm:ss]");
    Console.Error.WriteLine("       Portal.Benchmarks smtp-compare [--clients 16] [--messages 1000] [--large-messages 200] [--warmup 2000] [--warmup-large 1000] [--only portal|postfix]   (against postfix+dovecot; root)");
    Console.Error.WriteLine("       Portal.Benchmarks imap-idle [--sessions 2000,10000] [--appends N] [--server portal|dovecot|both] [--dovecot-format maildir|sdbox|mdbox]   (clients in a child process; root for dovecot)");
    Console.Error.WriteLine("       Portal.Benchmarks imap-100k [--messages N] [--appends N] [--runs 5] [--in-process] [--hold]   (Portal vs dovecot-imapd, same run, wall and CPU per row; clients in a child process; --hold keeps both servers up after loading; imap-100k-client --portal-port P --dovecot-port D --messages N --runs R [--portal-pid] [--dovecot-pid] runs the clients against held servers)");
    Console.Error.WriteLine("       Portal.Benchmarks webmail [--messages 100000] [--circuits 100] [--runs 5] [--warm-tabs 80]   (Chromium; server time and memory per circuit)");
    return 2;
}
