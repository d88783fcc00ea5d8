using Platform.Contracts.Membership;

namespace Platform.Testing;

/// <summary>
/// One member's life in one organization as membership tells it, one minute apart, for the projections'
/// event-order tests (<see cref="EventOrders"/>): granted as a member, promoted to admin, suspended, then
/// either reactivated or revoked.
/// </summary>
public static class MembershipEventOrders
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Every order of these named events, one new member for each order.</summary>
    public static IReadOnlyList<(Guid UserId, string[] Order)> Members(params string[] events) =>
        EventOrders.Permutations(events).Select(order => (Guid.NewGuid(), order)).ToList();

    /// <summary>Each member's events in its order, as <see cref="EventOrders.DeliverRoundByRoundAsync(TestBus, IReadOnlyList{IReadOnlyList{object}}, Func{IReadOnlyList{Guid}, Task{int}})"/> takes them.</summary>
    public static IReadOnlyList<IReadOnlyList<object>> Sequences(Guid organizationId, IEnumerable<(Guid UserId, string[] Order)> members) =>
        members.Select(m => (IReadOnlyList<object>)m.Order.Select(name => Event(organizationId, m.UserId, name)).ToList()).ToList();

    public static object Event(Guid organizationId, Guid userId, string name) => name switch
    {
        "granted" => new MembershipGranted(organizationId, userId, "member", null, null, T0),
        "promoted" => new MembershipRoleChanged(organizationId, userId, "member", "admin", null, Guid.NewGuid(), T0.AddMinutes(1)),
        "suspended" => new MembershipStateChanged(organizationId, userId, "suspended", Guid.NewGuid(), T0.AddMinutes(2)),
        "reactivated" => new MembershipStateChanged(organizationId, userId, "active", Guid.NewGuid(), T0.AddMinutes(3)),
        "revoked" => new MembershipRevoked(organizationId, userId, null, T0.AddMinutes(3)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a membership event of these tests"),
    };
}
