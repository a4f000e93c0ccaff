using Azure;
using Azure.Data.Tables;
using GoodThings.Email;

namespace GoodThings.Events;

/// <summary>
/// The rows of one change to an event's partition, committed together with the event row under its ETag,
/// and the outbox rows to relay once it commits.
/// </summary>
public sealed class EventWrite
{
    private readonly List<TableTransactionAction> _actions = [];
    private readonly List<TableEntity> _outbox = [];

    public IReadOnlyList<TableEntity> OutboxRows => _outbox;

    public void Add(TableEntity entity) => _actions.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));

    /// <summary>Replaces a whole row, unconditionally: the event row's ETag in the same transaction guards the partition.</summary>
    public void Update(TableEntity entity) => _actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, ETag.All));

    public void Delete(TableEntity entity) => _actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));

    public void Send(TableEntity outboxRow)
    {
        Add(outboxRow);
        _outbox.Add(outboxRow);
    }

    /// <summary>Commits with the updated event row (ETag-guarded) first; relays the outbox rows after.</summary>
    public async Task CommitAsync(TableClient table, LoadedEvent loaded, EventRecord updated, OutboxRelay relay, long? nextTicket = null, CancellationToken cancellationToken = default)
    {
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, loaded.ToEntity(updated, nextTicket), loaded.ETag), .. _actions];
        await table.SubmitTransactionAsync(actions, cancellationToken);
        relay.RelaySoon(EventRows.TableName, _outbox);
    }
}
