using SkillsMatch.Server.Api;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Pages;

/// <summary>Texts and ids the pages share.</summary>
public static class PageTexts
{
    public static string RoleName(string? role) => role switch
    {
        Roles.Employer => Texts.Pick("Arbeitgeber", "Employer"),
        Roles.Caseworker => Texts.Pick("Fallmanagement", "Caseworker"),
        Roles.TrainingProvider => Texts.Pick("Bildungsträger", "Training provider"),
        Roles.Planner => Texts.Pick("Planung", "Planner"),
        Roles.Admin => Texts.Pick("Verwaltung", "Admin"),
        _ => Texts.Pick("Gast", "Guest"),
    };

    /// <summary>The start page of a role.</summary>
    public static string StartPage(string? role) => role switch
    {
        Roles.Employer => "/employer",
        Roles.Caseworker => "/caseworker",
        Roles.TrainingProvider => "/provider",
        Roles.Planner => "/planner",
        Roles.Admin => "/admin",
        _ => "/",
    };

    /// <summary>The id of the input bound to a model-state key ("Input.Email" → "Input_Email"), as the tag helpers write it.</summary>
    public static string FieldId(string key) => Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(key, "_");
}

/// <summary>One link of the main navigation.</summary>
public sealed record NavLink(string Path, string Label);

/// <summary>The main navigation of each role.</summary>
public static class Navigation
{
    public static IReadOnlyList<NavLink> For(Access access) => access.Role switch
    {
        Roles.Employer =>
        [
            new("/employer", Texts.Pick("Übersicht", "Overview")),
            new("/employer/needs/new", Texts.Pick("Bedarf melden", "Report a need")),
            new("/employer/needs", Texts.Pick("Meine Bedarfe", "My needs")),
        ],
        Roles.Caseworker =>
        [
            new("/caseworker", Texts.Pick("Übersicht", "Overview")),
            new("/caseworker/clients", Texts.Pick("Fallbestand", "Caseload")),
            new("/caseworker/needs", Texts.Pick("Bedarfe", "Needs")),
        ],
        Roles.TrainingProvider =>
        [
            new("/provider", Texts.Pick("Übersicht", "Overview")),
            new("/provider/courses", Texts.Pick("Meine Kurse", "My courses")),
            new("/provider/demand", Texts.Pick("Nachfrage", "Demand")),
        ],
        Roles.Planner =>
        [
            new("/planner", Texts.Pick("Übersicht", "Overview")),
            new("/planner/demand", Texts.Pick("Bedarf und Angebot", "Demand and supply")),
            new("/planner/commission", Texts.Pick("Zu beauftragen", "To commission")),
            new("/planner/decisions", Texts.Pick("Entscheidungen", "Decisions")),
            new("/planner/fairness", Texts.Pick("Fairness", "Fairness")),
        ],
        Roles.Admin =>
        [
            new("/admin", Texts.Pick("Übersicht", "Overview")),
            new("/admin/users", Texts.Pick("Konten", "Accounts")),
            new("/admin/audit", Texts.Pick("Protokoll", "Audit log")),
            new("/admin/models", Texts.Pick("Ranking-Modelle", "Ranking models")),
        ],
        _ => [],
    };
}
