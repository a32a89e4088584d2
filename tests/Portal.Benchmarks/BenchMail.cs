using System.Globalization;
using System.Text;

namespace Portal.Benchmarks;

/// <summary>
/// Deterministic "realistic" mail for the 100k benchmark: people and subjects from small vocabularies, bodies of
/// varied length, a third multipart/alternative with HTML, one in ten with a base64 attachment.
/// </summary>
internal static class BenchMail
{
    /// <summary>In about 5% of subjects.</summary>
    public const string SubjectTerm = "invoice";

    /// <summary>In about 0.5% of bodies, never in subjects.</summary>
    public const string BodyTerm = "zanzibar";

    private static readonly string[] First = ["Anna", "Ben", "Carla", "David", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Marta", "Nils", "Olga", "Pavel", "Rosa", "Sven", "Tomás", "Ute"];
    private static readonly string[] Last = ["Schmidt", "Garcia", "Novak", "Okafor", "Larsen", "Rossi", "Tanaka", "Müller", "Dubois", "Kowalski", "Silva", "Berg"];
    private static readonly string[] Domains = ["example.com", "example.org", "mail.example.net", "corp.example", "shop.example"];
    private static readonly string[] Topics = ["budget", "release plan", "team offsite", "customer feedback", "hiring", "roadmap", "security review", "quarterly numbers", "vendor contract", "office move", "training", "server upgrade"];
    private static readonly string[] Words = ("the of and to in is that for it as with was on be at by this had not are but from or have an they which one you were all we can her has there been if more when will would who so no "
        + "meeting project report update please review attached thanks regards schedule deadline customer team plan budget draft final version change request approve "
        + "question answer follow next week monday friday morning afternoon call notes summary decision issue ticket release build test deploy server client data "
        + "invoice payment order delivery address account password security policy document contract agreement price quote offer discount").Split(' ');

    public static byte[] Message(int i, DateTime date)
    {
        var random = new Random(i * 7919 + 17);
        var name = $"{First[random.Next(First.Length)]} {Last[random.Next(Last.Length)]}";
        var from = $"{name} <{name.Split(' ')[0].ToLowerInvariant()}.{i % 97}@{Domains[random.Next(Domains.Length)]}>";
        var topic = Topics[random.Next(Topics.Length)];
        var subject = (random.Next(20)) switch
        {
            0 => $"{char.ToUpperInvariant(SubjectTerm[0])}{SubjectTerm[1..]} {100000 + i} for {topic}",
            < 6 => $"Re: {topic} ({i % 500})",
            < 9 => $"Fwd: notes on {topic}",
            _ => $"{char.ToUpperInvariant(topic[0])}{topic[1..]}: week {i % 52 + 1} update",
        };
        var paragraphs = 1 + (int)Math.Min(40, Math.Exp(random.NextDouble() * 3.5));
        var text = new StringBuilder();
        for (var p = 0; p < paragraphs; p++)
        {
            var words = 20 + random.Next(60);
            for (var w = 0; w < words; w++)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(w % 12 == 11 ? "\r\n" : " ");
            }

            text.Append("\r\n\r\n");
        }

        if (i % 200 == 3)
        {
            text.Append("Travel details for ").Append(BodyTerm).Append(" are attached.\r\n");
        }

        var body = text.ToString();
        var headers = new StringBuilder()
            .Append("Return-Path: <bounce@").Append(Domains[i % Domains.Length]).Append(">\r\n")
            .Append("Received: from mx.example.net (mx.example.net [192.0.2.").Append(i % 250).Append("]) by portal.example; ")
            .Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)).Append(" +0000\r\n")
            .Append("From: ").Append(from).Append("\r\nTo: bench@bench.test\r\n");
        if (random.Next(4) == 0)
        {
            headers.Append("Cc: team@corp.example\r\n");
        }

        headers.Append("Subject: ").Append(subject).Append("\r\n")
            .Append("Date: ").Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)).Append(" +0000\r\n")
            .Append("Message-ID: <").Append(i).Append(".bench@").Append(Domains[i % Domains.Length]).Append(">\r\n")
            .Append("MIME-Version: 1.0\r\n");

        var kind = random.Next(10);
        if (kind == 0)
        {
            var attachment = new byte[8_000 + random.Next(120_000)];
            random.NextBytes(attachment);
            var b64 = Convert.ToBase64String(attachment, Base64FormattingOptions.InsertLineBreaks);
            headers.Append("Content-Type: multipart/mixed; boundary=\"mix").Append(i).Append("\"\r\n\r\n")
                .Append("--mix").Append(i).Append("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").Append(body)
                .Append("\r\n--mix").Append(i).Append("\r\nContent-Type: application/pdf; name=\"report-").Append(i).Append(".pdf\"\r\n")
                .Append("Content-Disposition: attachment; filename=\"report-").Append(i).Append(".pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .Append(b64).Append("\r\n--mix").Append(i).Append("--\r\n");
        }
        else if (kind <= 3)
        {
            var html = "<html><body><p>" + body.Replace("\r\n\r\n", "</p><p>", StringComparison.Ordinal) + "</p></body></html>";
            headers.Append("Content-Type: multipart/alternative; boundary=\"alt").Append(i).Append("\"\r\n\r\n")
                .Append("--alt").Append(i).Append("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").Append(body)
                .Append("\r\n--alt").Append(i).Append("\r\nContent-Type: text/html; charset=utf-8\r\n\r\n").Append(html)
                .Append("\r\n--alt").Append(i).Append("--\r\n");
        }
        else
        {
            headers.Append("Content-Type: text/plain; charset=utf-8\r\n\r\n").Append(body);
        }

        return Encoding.UTF8.GetBytes(headers.ToString());
    }
}
