using Microsoft.AspNetCore.Identity;
using SkillsMatch.Server.Api;

namespace SkillsMatch.Server.Features.Accounts;

/// <summary>Identity's messages in German by default, English on request.</summary>
internal sealed class GermanIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Das Passwort braucht mindestens {length} Zeichen.", $"The password needs at least {length} characters.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Das Passwort braucht mindestens eine Ziffer.", "The password needs at least one digit.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Das Passwort braucht mindestens einen Kleinbuchstaben.", "The password needs at least one lower-case letter.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Das Passwort braucht mindestens einen Großbuchstaben.", "The password needs at least one upper-case letter.");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "Diese E-Mail-Adresse hat schon ein Konto.", "This e-mail address already has an account.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Diesen Benutzernamen gibt es schon.", "This user name exists already.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Das ist keine gültige E-Mail-Adresse.", "This is not a valid e-mail address.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Der Benutzername enthält unzulässige Zeichen.", "The user name has characters that are not allowed.");

    private static IdentityError Error(string code, string german, string english) => new() { Code = code, Description = Texts.Pick(german, english) };
}
