namespace Mx.Generators.BuiltIn.Queues;

/// <summary>
/// What <c>mx team add/remove/list</c> do to the <c>queue_teams</c> answer: each change is the new answer computed from
/// the state read under the project's lock, which GpuQueues then renders like any other answer.
/// </summary>
internal static class QueueTeams
{
    /// <summary>The <c>queue_teams</c> answer with <paramref name="team"/> added, or why it cannot be.</summary>
    public static Answers Add(ProjectState state, QueueTeam team)
    {
        var teams = Current(state);
        if (teams.Any(t => t.Name == team.Name))
            throw new MxException($"Team {team.Name} exists already (mx team list shows it). Remove it first with 'mx team remove {team.Name}', " +
                                  "or choose another name. Nothing was written.");
        if (team.Problem(state.Answers.GetString("project_name"), GpuQueues.Queues(state.Answers)) is { } problem)
            throw new MxException($"Cannot add the team: {problem} Nothing was written.");
        foreach (var member in team.Members)
            if (teams.FirstOrDefault(t => t.Members.Contains(member, StringComparer.OrdinalIgnoreCase)) is { } other)
                throw new MxException($"{member} is in team {other.Name} already; a member belongs to one team, whose namespace their jobs run in. " +
                                      $"Leave them out, or remove team {other.Name} first. Nothing was written.");
        return Answers.Empty.With("queue_teams", teams.Append(team).Select(t => t.Format()).ToArray());
    }

    /// <summary>The <c>queue_teams</c> answer without the team <paramref name="name"/>, or why it cannot be.</summary>
    public static Answers Remove(ProjectState state, string name)
    {
        var teams = Current(state);
        if (!teams.Any(t => t.Name == name))
            throw new MxException(teams.Count == 0
                ? $"There is no team {name}: the project has no teams yet. Add one with 'mx team add NAME --members a@x,b@x'."
                : $"There is no team {name}; the project's teams are {string.Join(", ", teams.Select(t => t.Name))}.");
        return Answers.Empty.With("queue_teams", teams.Where(t => t.Name != name).Select(t => t.Format()).ToArray());
    }

    /// <summary>The project's teams; refuses a project without GpuQueues, whose queues teams are made of.</summary>
    public static IReadOnlyList<QueueTeam> Current(ProjectState state)
    {
        if (!state.HasApplied(GpuQueues.GeneratorName))
            throw new MxException($"Teams submit through the project's GPU queues, and this project has none yet. Run 'mx generate {GpuQueues.GeneratorName}' " +
                                  "first (and 'mx up'), then add teams. Nothing was written.");
        return GpuQueues.Teams(state.Answers);
    }
}
