using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Messaging;
using QRCoder;

namespace Platform.Identity.Application;

public sealed record TwoFactorEnrolment(string Secret, string OtpauthUri, string QrCodePng);

/// <summary>A user's own two-factor settings; the endpoints check the password before calling in.</summary>
public sealed class TwoFactor(
    IdentityDbContext db, SessionStore sessions, AuditTrail audit, IEventOutbox outbox, TotpSecretProtection protection, TimeProvider time)
{
    /// <summary>A new pending secret (replacing an earlier unconfirmed one), or null when two-factor is already on.</summary>
    public async Task<TwoFactorEnrolment?> EnrolAsync(User user, CancellationToken cancellationToken)
    {
        var secret = TotpCode.NewSecret();
        if (!user.StartTwoFactorEnrolment(protection.Protect(secret))) return null;
        audit.Record(AuditActions.TwoFactorEnrolmentStarted, user.Id, user.Id);
        await db.SaveChangesAsync(cancellationToken);

        var uri = TotpCode.EnrolmentUri(secret, user.Email);
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(qr).GetGraphic(5);
        return new TwoFactorEnrolment(secret, uri, Convert.ToBase64String(png));
    }

    /// <summary>Turns two-factor on with a first valid code; the recovery codes to show once, or null for a wrong code.</summary>
    public async Task<List<string>?> ConfirmAsync(User user, string? code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (user.PendingTwoFactorSecret is not { } pending || TotpCode.MatchingStep(protection.Reveal(pending), code, now) is not { } step) return null;
        if (!user.ConfirmTwoFactor(step, now)) return null;
        var shown = await ReplaceRecoveryCodesAsync(user, now, cancellationToken);
        audit.Record(AuditActions.TwoFactorEnabled, user.Id, user.Id);
        outbox.Add(new TwoFactorEnabled(user.Id, user.Email, user.FirstName, now));
        await db.SaveChangesAsync(cancellationToken);
        await sessions.ClearTwoFactorEnrolmentRequiredAsync(user.Id);
        return shown;
    }

    public async Task<List<string>> RegenerateRecoveryCodesAsync(User user, CancellationToken cancellationToken)
    {
        var shown = await ReplaceRecoveryCodesAsync(user, time.GetUtcNow(), cancellationToken);
        audit.Record(AuditActions.RecoveryCodesRegenerated, user.Id, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return shown;
    }

    /// <summary>Turns two-factor off and ends every other session: whoever else was in got in with it on.</summary>
    public async Task<int> DisableAsync(User user, string? currentSessionHandle, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        user.DisableTwoFactor();
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        audit.Record(AuditActions.TwoFactorDisabled, user.Id, user.Id);
        outbox.Add(new TwoFactorDisabled(user.Id, user.Email, user.FirstName, now));
        await db.SaveChangesAsync(cancellationToken);
        return await sessions.EndAllAsync(user.Id, keepHandle: currentSessionHandle);
    }

    private async Task<List<string>> ReplaceRecoveryCodesAsync(User user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        var (codes, shown) = RecoveryCode.NewSet(user.Id, now);
        db.RecoveryCodes.AddRange(codes);
        return shown;
    }
}
