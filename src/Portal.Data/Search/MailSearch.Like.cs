using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Mail.Search;

namespace Portal.Data.Search;

/// <summary>The LIKE side of the search: <c>col LIKE @p ESCAPE '\'</c> for each column, OR-ed.</summary>
public sealed partial class MailSearch
{
    private static readonly System.Reflection.MethodInfo LikeMethod = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static Expression<Func<MessageTextRow, bool>> Like(IEnumerable<SearchField> fields, string pattern)
    {
        var row = Expression.Parameter(typeof(MessageTextRow), "t");

        // Read through a captured object so that EF sends the pattern as a parameter, not as a literal.
        var parameter = Expression.Property(Expression.Constant(new Pattern(pattern)), nameof(Pattern.Value));
        Expression? any = null;
        foreach (var column in fields.SelectMany(Columns))
        {
            var call = Expression.Call(LikeMethod, Expression.Constant(EF.Functions), Expression.Property(row, column), parameter, Expression.Constant("\\"));
            any = any is null ? call : Expression.OrElse(any, call);
        }

        return Expression.Lambda<Func<MessageTextRow, bool>>(any ?? Expression.Constant(false), row);
    }

    private sealed record Pattern(string Value);
}
