namespace SkillsMatch.Server.Api;

/// <summary>
/// What /docs says about each operation and parameter, in one place. An endpoint's own WithSummary or
/// WithDescription wins; these fill what it leaves out. OpenApiDocsTests fails when an operation or a
/// parameter has no text, or when an entry here names an operation that no longer exists.
/// </summary>
internal static class OpenApiTexts
{
    /// <summary>The introduction of the API reference: German first (the county's staff), English after.</summary>
    public const string Introduction = """
        **SkillsMatch** ist der Dienst hinter dem Kompetenzforum des kommunalen Jobcenters: Betriebe melden, welche Qualifikationen sie
        wann und wo brauchen (Bedarfe); das Fallmanagement findet dafür Kundinnen und Kunden – auch solche, denen nur ein kurzer Kurs fehlt,
        mit Weiterbildungsplan; die Planung sieht Bedarf und Angebot im Kreis und was an Kursen zu beauftragen ist.

        **Anmelden.** `POST /api/auth/login` mit E-Mail-Adresse und Passwort gibt ein Bearer-Token (Header `Authorization: Bearer …`);
        mit `useCookies=true` ein Anmelde-Cookie für die Webseiten. Änderungen mit dem Cookie brauchen zusätzlich das Token aus
        `GET /api/auth/antiforgery` im Header `X-CSRF-TOKEN`. Jede Rolle sieht nur ihren Teil: Arbeitgeber ihre eigenen Bedarfe und
        pseudonyme Kandidaten, das Fallmanagement seinen Fallbestand, Bildungsträger ihre Kurse, die Planung Berichte ohne Personendaten.

        **Fehler** kommen als Problem Details (RFC 9457) mit deutschem Text; `errors` nennt jedes fehlerhafte Feld. Englische Texte mit
        `?lang=en` oder `Accept-Language: en`. Änderungen an vorhandenen Einträgen tragen `version` (oder `If-Match` mit dem ETag);
        wer eine veraltete Fassung schickt, bekommt 409 bzw. 412 und überschreibt nichts.

        **Datenschutz.** Kundenprofile sind Sozialdaten. Jeder Lesezugriff wird protokolliert; geschützte Merkmale (Geschlecht, Alter,
        Staatsangehörigkeit, Behinderung) werden nur für den Fairness-Bericht gelesen, nie für die Rangfolge.

        ---

        *English:* SkillsMatch matches employers' skill needs with long-term unemployed clients of a county job centre, training-aware,
        with plain-language explanations. Sign in with `POST /api/auth/login` (bearer token, or a cookie with `useCookies=true`).
        Errors are RFC 9457 problem details naming the field; texts are German by default, English with `?lang=en`.
        The web pages for people are at `/`.
        """;

    /// <summary>Tag descriptions: what each group of operations is for.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Accounts"] = "Sign-in, tokens and (for admins) accounts with role and scope.",
        ["Reference data"] = "ESCO skills and occupations, municipalities of the county and its neighbours, certificates, languages, barriers and sectors.",
        ["Employers"] = "The employers of the skills forum (Kompetenzforum).",
        ["Forum rounds"] = "Meetings of the skills forum and the needs reported in them.",
        ["Needs"] = "Skill needs (Bedarfe) and vacancies of employers, their comments, and a need drafted from a sentence.",
        ["Clients"] = "Client profiles (protected personal data; caseworkers only, within their caseload).",
        ["Courses"] = "The course catalogue: Teilqualifizierungen, short certified courses, language courses, with cohorts.",
        ["Outcomes"] = "What happened with a client for a need: proposed, interviewed, hired, rejected, with reasons.",
        ["Matching"] = "Ranked candidates for a need and ranked needs for a client, explained; employers' pseudonymous view and feedback.",
        ["Training"] = "Training plans that make a client ready in time, and courses to run as group courses.",
        ["Reports"] = "Planner reports: demand and supply, what to commission, fairness, decisions; small counts suppressed.",
        ["Ranker"] = "The learned ranker: the active model, its model card and the promotion gate.",
        ["Audit"] = "Who read or changed which client data, when (admins).",
        ["Bulk"] = "CSV import and export of whole tables, all rows or none.",
    };

    /// <summary>Summary and description per operation ("METHOD /path").</summary>
    public static readonly IReadOnlyDictionary<string, (string Summary, string Description)> Operations = new Dictionary<string, (string, string)>
    {
        ["POST /api/auth/login"] = ("Sign in", "Checks e-mail and password. Answers a bearer token (accessToken, refreshToken, expiresIn) or, with useCookies=true, sets the sign-in cookie for the web pages. Five failed attempts lock the account for 15 minutes; sign-ins per address are rate-limited. Anyone may call it."),
        ["POST /api/auth/refresh"] = ("Refresh a bearer token", "Exchanges a refresh token for a new bearer token while the refresh token is valid and the account unchanged (a changed role or lock ends it: 401)."),
        ["POST /api/auth/logout"] = ("Sign out", "Ends the cookie session. Bearer tokens expire by themselves."),
        ["GET /api/auth/me"] = ("Who is signed in", "The signed-in user's id, e-mail, role and scope (employer, caseload or provider)."),
        ["GET /api/auth/antiforgery"] = ("Antiforgery token", "The token that a page signed in with the cookie sends in the X-CSRF-TOKEN header with every change. Not needed with a bearer token."),
        ["GET /api/admin/users"] = ("List accounts", "All accounts with role, scope and lock state. Admins only."),
        ["POST /api/admin/users"] = ("Create an account", "Creates an account with one role and its scope (an employer account needs employerId, a caseworker a caseload, a provider a provider name). Without a password one is generated and returned once. Admins only."),
        ["PUT /api/admin/users/{id}"] = ("Change an account", "Changes role, scope, display name or lock; the account's sessions and tokens end. Admins only."),
        ["DELETE /api/admin/users/{id}"] = ("Delete an account", "Deletes the account; its audit entries stay. Admins only."),
        ["GET /api/skills"] = ("Search skills", "ESCO skills and knowledge by German or English label, alternative labels and synonyms, best first. Any signed-in user."),
        ["GET /api/terms"] = ("Search skills, occupations and certificates in everyday German", "One search over skills, occupations, certificates and languages as employers write them (\"Staplerschein\", \"Kasse\", \"Deutschkenntnisse\"), with compound splitting, light stemming and typo tolerance (docs/intake.md). Any signed-in user."),
        ["GET /api/skills/{id}"] = ("One skill", "An ESCO skill with labels, broader skills and the occupations for which it is essential or optional. 404 for an unknown id."),
        ["GET /api/occupations"] = ("Search occupations", "ESCO occupations by German or English label, with ISCO group and essential and optional skills."),
        ["GET /api/occupations/{id}"] = ("One occupation", "An ESCO occupation with its essential and optional skills. 404 for an unknown id."),
        ["GET /api/regions"] = ("Municipalities", "The municipalities of the county and its neighbours with key (AGS), Verbandsgemeinde, district, postcode, coordinates and population."),
        ["GET /api/vocabulary"] = ("Code lists", "Certificates and licences, languages, placement barriers and sectors with their codes and German labels."),
        ["GET /api/employers"] = ("List employers", "Employers, filtered by name and sector, paged. Employers see their own organisation only; caseworkers and admins all."),
        ["POST /api/employers"] = ("Create an employer", "Registers an employer of the forum. Sector by code or name (\"Weinbau\"), municipality by key or name. Caseworkers."),
        ["GET /api/employers/{id}"] = ("One employer", "An employer with sector and municipality by name. The answer carries an ETag for If-Match."),
        ["PUT /api/employers/{id}"] = ("Change an employer", "Replaces the employer's data; send version (or If-Match). A stale version gets 409 and changes nothing."),
        ["DELETE /api/employers/{id}"] = ("Delete an employer", "Deletes an employer without needs; one with needs is refused with 409."),
        ["GET /api/forum/rounds"] = ("List forum rounds", "Meetings of the skills forum, by sector and date, paged, with their number of needs."),
        ["POST /api/forum/rounds"] = ("Create a forum round", "A meeting of the skills forum with title, sector, region and date. Caseworkers and admins."),
        ["GET /api/forum/rounds/{id}"] = ("One forum round", "A forum round with its number of needs."),
        ["PUT /api/forum/rounds/{id}"] = ("Change a forum round", "Replaces the round's data; send version (or If-Match)."),
        ["DELETE /api/forum/rounds/{id}"] = ("Delete a forum round", "Deletes a round; its needs stay, without round."),
        ["GET /api/needs"] = ("List needs", "Needs and vacancies, filtered by status, kind, employer, round, region, skill, period and text, paged. Employers see their own organisation's needs, caseworkers all."),
        ["POST /api/needs"] = ("Report a need", "Creates a need or vacancy: what is needed (skills with level, certificates, languages), for which period, how many, where. Employers for their own organisation, caseworkers for any."),
        ["GET /api/needs/{id}"] = ("One need", "A need with employer, occupation and place by name. The answer carries an ETag for If-Match."),
        ["PUT /api/needs/{id}"] = ("Change a need", "Replaces a need; send version (or If-Match). Status changes follow the need's life cycle: draft → open or closed; open → filled, closed or expired; closed → open."),
        ["DELETE /api/needs/{id}"] = ("Delete a need", "Deletes a need with its comments; outcomes recorded for it stay for the audit."),
        ["POST /api/needs/draft"] = ("Draft a need from a sentence", "Reads a need written in German (or English) and returns a draft in the shape of the need body: skills must/nice, certificates, languages with CEFR level, headcount, period, hours, shift work, place, occupation. Each item carries the text span it came from and a confidence; words not understood are listed with suggestions. Nothing is stored."),
        ["GET /api/forum/rounds/{roundId}/needs"] = ("Needs of a forum round", "The needs reported in one forum round, with the filters of the need list."),
        ["POST /api/forum/rounds/{roundId}/needs"] = ("Report a need in a forum round", "Creates a need that belongs to the round; the body is that of POST /api/needs."),
        ["GET /api/needs/{needId}/comments"] = ("Comments on a need", "The conversation between employer and job centre about a need, oldest first."),
        ["POST /api/needs/{needId}/comments"] = ("Comment on a need", "Adds a comment to a need (no personal data of clients)."),
        ["DELETE /api/needs/{needId}/comments/{commentId}"] = ("Delete a comment", "Deletes a comment; its author or a caseworker."),
        ["GET /api/clients"] = ("List clients", "Client profiles within the caller's caseload, filtered by caseworker, region and skill, paged. Caseworkers only; every read is audited."),
        ["POST /api/clients"] = ("Create a client profile", "A client profile: skills with level and evidence, certificates, languages, past and desired occupations, availability, hours, mobility, barriers, consent. Protected attributes are stored for the fairness report only."),
        ["GET /api/clients/{id}"] = ("One client profile", "A client profile within the caller's caseload; audited. 404 outside it."),
        ["PUT /api/clients/{id}"] = ("Change a client profile", "Replaces a profile; send version (or If-Match). A stale version gets 409 and changes nothing."),
        ["DELETE /api/clients/{id}"] = ("Erase a client", "Erases the profile and its personal data; outcomes stay anonymised for statistics and the ranker."),
        ["GET /api/courses"] = ("List courses", "The course catalogue, by provider and skill, paged, with cohorts and free seats."),
        ["POST /api/courses"] = ("Create a course", "A course with the skills, certificates and language levels it teaches, prerequisites, duration, hours, cohorts, place, cost and funding. Training providers (their own) and caseworkers."),
        ["GET /api/courses/{id}"] = ("One course", "A course with cohorts. The answer carries an ETag for If-Match."),
        ["PUT /api/courses/{id}"] = ("Change a course", "Replaces a course; send version (or If-Match)."),
        ["DELETE /api/courses/{id}"] = ("Delete a course", "Deletes a course from the catalogue."),
        ["POST /api/courses/import"] = ("Import a course catalogue", "A provider's catalogue as CSV or JSON (docs/training.md), all rows or none; rows are matched by provider and provider course id."),
        ["GET /api/outcomes"] = ("List outcomes", "Proposals, interviews, hires and rejections, by need, client and stage, paged. Caseworkers."),
        ["POST /api/outcomes"] = ("Record an outcome", "Records what happened with a client for a need (proposed, invited, hired, rejected) with reason and date. A proposal outside the ranking's top 10 asks for the reason it passed over others."),
        ["GET /api/outcomes/{id}"] = ("One outcome", "An outcome with the rank the client had when proposed."),
        ["PUT /api/outcomes/{id}"] = ("Change an outcome", "Replaces an outcome; send version (or If-Match)."),
        ["DELETE /api/outcomes/{id}"] = ("Delete an outcome", "Deletes an outcome recorded in error."),
        ["GET /api/needs/{id}/candidates"] = ("Ranked candidates for a need", "Clients who fit the need best, ranked, each with fit, a plain-language explanation, the training plan that makes them ready in time and referrals for placement barriers. The list shown is logged (impressions), so the ranker learns from what people saw. Caseworkers; audited."),
        ["GET /api/needs/{id}/shortlist"] = ("Shortlist of a need", "The candidates of the last scheduled run, with the ones new since the run before marked."),
        ["GET /api/clients/{id}/matches"] = ("Ranked needs for a client", "Open needs that fit a client best, ranked, explained, with training plans and referrals. Caseworkers; audited."),
        ["GET /api/needs/{id}/pseudonymous-candidates"] = ("Candidates as the employer sees them", "Pseudonymous candidates of clients who consented to share: fit, explanation, whether training comes first and by when they are ready. No name, no reference."),
        ["POST /api/needs/{id}/feedback"] = ("Feedback on a candidate", "An employer's verdict on a pseudonymous candidate (interested or not suitable, with a comment); caseworkers see it with the client."),
        ["GET /api/needs/{id}/feedback"] = ("Feedback on a need's candidates", "Employers' verdicts on the candidates of a need; the client id for caseworkers only."),
        ["GET /api/forum/rounds/{id}/cohorts"] = ("Group courses for a forum round", "Courses worth running as one group for the needs of a round, with the clients who would be ready in time."),
        ["GET /api/training/cohorts"] = ("Group courses for a region and period", "Courses worth running as one group for the needs of a region and period, and requirements no course teaches (to commission)."),
        ["GET /api/clients/{id}/plan"] = ("A client's training plan for a need", "The courses, in order and in time, that close the client's gap for the need, with cost, funding and referrals."),
        ["GET /api/needs/{id}/training"] = ("Training candidates of a need", "Clients who would be ready for the need after short training, with their plans, and the courses involved."),
        ["GET /api/reports/fairness"] = ("Fairness report", "Exposure in the top 10, proposals and hires by gender, age band, citizenship and disability against the qualified pool, with the documented tolerance. Planners and admins; the only place protected attributes are read."),
        ["GET /api/reports/decisions"] = ("Decision report", "How often caseworkers proposed inside and outside the ranking, the reasons recorded and the agreement between model and people, per month or quarter."),
        ["GET /api/ranker"] = ("The active ranker", "Which ranker orders the lists (the learned model or the heuristic), its model card and why a fallback is in use."),
        ["GET /api/ranker/models"] = ("Model cards", "Every trained model with its card: data, features, quality on held-out outcomes and on the ESCO taxonomy suite, and the promotion gate's three results."),
        ["GET /api/admin/audit"] = ("Audit log", "Who read or changed which client data, when and through which endpoint, newest first, with filters. Admins."),
        ["GET /api/admin/audit/export"] = ("Audit log as CSV", "The audit log with the filters of the list, as CSV."),
        ["GET /api/reports/demand"] = ("Demand and supply report", "Headcount needed, clients ready now and ready in time with training, shortage indicators, per region, occupation or skill and per month or quarter; small client counts suppressed. Planners and admins."),
        ["GET /api/reports/demand/chart"] = ("Shortage chart", "The ten largest shortages of the demand report as a bar chart (SVG or PNG) with German labels."),
        ["GET /api/reports/commission"] = ("What to commission", "Courses to buy as group runs and requirements no course teaches, with the clients, needs, employers and forum rounds concerned by name."),
        ["POST /api/import/{entity}"] = ("Import a CSV table", "Imports one table in the export format, all rows or none; errors name line and column. Caseworkers."),
        ["GET /api/export/{entity}"] = ("Export a CSV table", "Exports one table as CSV in the import format, streamed. Caseworkers; client exports are audited."),
    };

    /// <summary>Parameter descriptions by name; an entry "METHOD /path:name" wins over the name alone.</summary>
    public static readonly IReadOnlyDictionary<string, string> Parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "The id of the entry.",
        ["needId"] = "The id of the need.",
        ["roundId"] = "The id of the forum round.",
        ["commentId"] = "The id of the comment.",
        ["entity"] = "Which table: employers, forum-rounds, needs, clients, courses or outcomes.",
        ["q"] = "Text to search for (a name, a label, part of a word).",
        ["limit"] = "How many results at most.",
        ["page"] = "The page, from 1.",
        ["pageSize"] = "Entries per page (at most 200).",
        ["from"] = "First day (yyyy-MM-dd), inclusive.",
        ["to"] = "Last day (yyyy-MM-dd), inclusive.",
        ["top"] = "How many ranked rows (at most 200).",
        ["format"] = "json (default), csv or xlsx; the chart: svg or png.",
        ["dialect"] = "CSV dialect: excel (default: semicolon, decimal comma, UTF-8 with byte order mark, for German Excel) or rfc4180 (comma, decimal point).",
        ["region"] = "A municipality key (AGS), an association (Verbandsgemeinde) or district code, or a name.",
        ["sector"] = "A sector code or name (\"Weinbau\").",
        ["skill"] = "An ESCO skill id.",
        ["status"] = "Need status: draft, open, filled, closed or expired (any casing).",
        ["kind"] = "Need kind: vacancy (a post to fill) or forecast (a skill need announced early).",
        ["employer"] = "An employer id.",
        ["round"] = "A forum round id.",
        ["caseworker"] = "A caseload code (e.g. IFK-01).",
        ["provider"] = "A training provider's name.",
        ["need"] = "A need id.",
        ["client"] = "A client id.",
        ["stage"] = "Outcome stage: proposed, invited, hired or rejected.",
        ["user"] = "A user id.",
        ["action"] = "Audit action: read, list, create, update or delete.",
        ["by"] = "Group by a region level (municipality, verbandsgemeinde or county; default county), optionally with occupation, isco or skill, comma-separated (\"verbandsgemeinde,occupation\").",
        ["period"] = "month or quarter.",
        ["horizon"] = "Needs by start: period (default, starting in the period), short (starting within 3 months) or medium (in 3 to 12 months).",
        ["district"] = "A district key (Kreis, 5 digits) to list only its municipalities.",
        ["skipInvalid"] = "true: import the good rows and list the bad ones; default false (all or none).",
        ["useCookies"] = "true: a sign-in cookie for the web pages instead of a bearer token.",
        ["GET /api/clients/{id}/plan:need"] = "The need to plan for.",
    };
}
