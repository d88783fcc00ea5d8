using Platform.Identity.Model;

namespace Platform.Identity.Tests;

/// <summary>Every actor rank against every target rank, and whether the rule "an owner or admin over a strictly lower rank" allows it.</summary>
internal static class RankPairs
{
    public static TheoryData<OrganizationRank, OrganizationRank, bool> AdministratorOverLowerRank()
    {
        var data = new TheoryData<OrganizationRank, OrganizationRank, bool>();
        foreach (var actor in Enum.GetValues<OrganizationRank>())
        {
            foreach (var target in Enum.GetValues<OrganizationRank>())
            {
                data.Add(actor, target, actor >= OrganizationRank.Admin && target < actor);
            }
        }

        return data;
    }
}
