using Terminagent.Domain.Staff;

namespace Terminagent.Domain.Tests;

public class StaffAccessTests
{
    private static readonly string[] Hauptbahnhof = ["hauptbahnhof"];

    [Theory]
    [InlineData(StaffRole.Clerk, StaffTask.WorkAtCounter, true)]
    [InlineData(StaffRole.Clerk, StaffTask.AnswerCalls, false)]
    [InlineData(StaffRole.Clerk, StaffTask.ManageDevices, false)]
    [InlineData(StaffRole.Clerk, StaffTask.ManageStaff, false)]
    [InlineData(StaffRole.InfolineAgent, StaffTask.AnswerCalls, true)]
    [InlineData(StaffRole.InfolineAgent, StaffTask.WorkAtCounter, false)]
    [InlineData(StaffRole.InfolineAgent, StaffTask.ManageDevices, false)]
    [InlineData(StaffRole.OfficeManager, StaffTask.WorkAtCounter, true)]
    [InlineData(StaffRole.OfficeManager, StaffTask.ManageDevices, true)]
    [InlineData(StaffRole.OfficeManager, StaffTask.AnswerCalls, false)]
    [InlineData(StaffRole.OfficeManager, StaffTask.ManageStaff, false)]
    [InlineData(StaffRole.Administrator, StaffTask.WorkAtCounter, true)]
    [InlineData(StaffRole.Administrator, StaffTask.AnswerCalls, true)]
    [InlineData(StaffRole.Administrator, StaffTask.ManageDevices, true)]
    [InlineData(StaffRole.Administrator, StaffTask.ManageStaff, true)]
    [InlineData(StaffRole.Clerk, StaffTask.ManageOffices, false)]
    [InlineData(StaffRole.InfolineAgent, StaffTask.ManageOffices, false)]
    [InlineData(StaffRole.OfficeManager, StaffTask.ManageOffices, true)]
    [InlineData(StaffRole.OfficeManager, StaffTask.ManageCity, false)]
    [InlineData(StaffRole.Administrator, StaffTask.ManageOffices, true)]
    [InlineData(StaffRole.Administrator, StaffTask.ManageCity, true)]
    [InlineData(StaffRole.Clerk, StaffTask.ViewStatistics, false)]
    [InlineData(StaffRole.InfolineAgent, StaffTask.ViewStatistics, false)]
    [InlineData(StaffRole.OfficeManager, StaffTask.ViewStatistics, true)]
    [InlineData(StaffRole.Administrator, StaffTask.ViewStatistics, true)]
    public void EachRole_MayDoItsOwnTasksOnly(StaffRole role, StaffTask task, bool allowed) =>
        Assert.Equal(allowed, StaffAccess.MayDo(role, task));

    [Fact]
    public void Clerk_WorksOnlyAtOwnOffices()
    {
        Assert.True(StaffAccess.MayDoAt(StaffRole.Clerk, Hauptbahnhof, StaffTask.WorkAtCounter, "hauptbahnhof"));
        Assert.False(StaffAccess.MayDoAt(StaffRole.Clerk, Hauptbahnhof, StaffTask.WorkAtCounter, "unterbach"));
    }

    [Fact]
    public void OfficeManager_ManagesDevicesOnlyOfOwnOffices()
    {
        Assert.True(StaffAccess.MayDoAt(StaffRole.OfficeManager, Hauptbahnhof, StaffTask.ManageDevices, "hauptbahnhof"));
        Assert.False(StaffAccess.MayDoAt(StaffRole.OfficeManager, Hauptbahnhof, StaffTask.ManageDevices, "unterbach"));
    }

    [Fact]
    public void OfficeManager_SeesStatisticsOnlyOfOwnOffices()
    {
        Assert.True(StaffAccess.MayDoAt(StaffRole.OfficeManager, Hauptbahnhof, StaffTask.ViewStatistics, "hauptbahnhof"));
        Assert.False(StaffAccess.MayDoAt(StaffRole.OfficeManager, Hauptbahnhof, StaffTask.ViewStatistics, "unterbach"));
        Assert.True(StaffAccess.MayDoAt(StaffRole.Administrator, [], StaffTask.ViewStatistics, "unterbach"));
    }

    [Fact]
    public void InfolineAgent_AnswersCallsForEveryOffice_WithoutOwnOffices() =>
        Assert.True(StaffAccess.MayDoAt(StaffRole.InfolineAgent, [], StaffTask.AnswerCalls, "unterbach"));

    [Fact]
    public void Administrator_MayWorkAtAnyCounter() =>
        Assert.True(StaffAccess.MayDoAt(StaffRole.Administrator, [], StaffTask.WorkAtCounter, "unterbach"));

    [Fact]
    public void OfficesDoNotWidenATask_TheRoleLacks() =>
        Assert.False(StaffAccess.MayDoAt(StaffRole.Clerk, Hauptbahnhof, StaffTask.ManageDevices, "hauptbahnhof"));

    [Theory]
    [InlineData(StaffRole.Clerk, true)]
    [InlineData(StaffRole.OfficeManager, true)]
    [InlineData(StaffRole.InfolineAgent, false)]
    [InlineData(StaffRole.Administrator, false)]
    public void OnlyClerksAndManagers_AreBoundToOffices(StaffRole role, bool bound) =>
        Assert.Equal(bound, StaffAccess.IsBoundToOffices(role));
}
