#!/usr/bin/perl
# Benchmark driver: verify every DKIM signature of FILE... with Mail::DKIM.
# usage: maildkim_verify.pl [--mbox] [--shard K/N] ZONE FILE...
# DNS is replaced by the zone file (Mail::DKIM::DNS::query is overridden).
# Prints one summary line: pass=N fail=N permerror=N temperror=N none=N
# (Mail::DKIM "invalid" is counted as permerror.)
#   --mbox       every FILE is an mboxrd archive, split here (separator "From ..."
#                at the start or after a blank line; the blank line is dropped,
#                ">From " quoting undone, LF turned into CRLF as Mail::DKIM wants).
#   --shard K/N  verify only messages number K, K+N, K+2N, ... (0-based), so that
#                N copies can run side by side (bench/archive.sh does that).
use strict;
use warnings;
use Mail::DKIM::Verifier;

my ($mbox, $shard, $nshards) = (0, 0, 1);
while (@ARGV && $ARGV[0] =~ /^--/) {
    my $opt = shift @ARGV;
    if ($opt eq '--mbox') { $mbox = 1; }
    elsif ($opt eq '--shard') { ($shard, $nshards) = split m{/}, shift(@ARGV); }
    else { die "maildkim_verify.pl: unknown option $opt\n"; }
}
my ($zonefile, @files) = @ARGV;
my %zone;
{
    open(my $z, '<', $zonefile) or die "$zonefile: $!\n";
    local $/;
    my $text = <$z>;
    close $z;
    # join parenthesised continuation lines, drop comments outside quotes
    my @lines;
    my $buf = '';
    my $depth = 0;
    for my $line (split /\n/, $text) {
        my $clean = '';
        my $inq = 0;
        for my $ch (split //, $line) {
            if ($ch eq '"') { $inq = !$inq; }
            elsif (!$inq && $ch eq ';') { last; }
            elsif (!$inq && $ch eq '(') { $depth++; $ch = ' '; }
            elsif (!$inq && $ch eq ')') { $depth--; $ch = ' '; }
            $clean .= $ch;
        }
        $buf .= ' ' . $clean;
        if ($depth <= 0) { push @lines, $buf; $buf = ''; $depth = 0; }
    }
    for (@lines) {
        my ($name, $rest) = /^\s*(\S+)\s+(?:\d+\s+)?(?:IN\s+)?TXT\s+(.*)$/i or next;
        my $txt = join('', map { my $s = $_; $s =~ s/\\(\d{3})/chr($1)/ge; $s =~ s/\\(.)/$1/g; $s }
                          ($rest =~ /"((?:[^"\\]|\\.)*)"/g));
        $name =~ s/\.$//;
        $zone{lc $name} //= $txt;
    }
}

package FakeTXT {
    sub new { my ($c, $t) = @_; return bless { t => $t }, $c }
    sub type { 'TXT' }
    sub txtdata { $_[0]{t} }
    sub char_str_list { $_[0]{t} }
}

{
    no warnings 'redefine';
    *Mail::DKIM::DNS::query = sub {
        my ($name, $type) = @_;
        $name =~ s/\.$//;
        if (exists $zone{lc $name}) { $@ = 'NOERROR'; return (FakeTXT->new($zone{lc $name})); }
        $@ = 'NXDOMAIN';
        return;
    };
}

my %count = map { $_ => 0 } qw(pass fail permerror temperror none);
my $seq = -1;

sub verify_one {
    my ($data) = @_;
    my $v = Mail::DKIM::Verifier->new;
    $v->PRINT($data);
    $v->CLOSE;
    my @sigs = $v->signatures;
    if (!@sigs) { $count{none}++; return; }
    for my $s (@sigs) {
        my $r = $s->result // 'none';
        $r = 'permerror' if $r eq 'invalid';
        $count{$r}++;
    }
}

for my $f (@files) {
    open(my $fh, '<:raw', $f) or die "$f: $!\n";
    my $data = do { local $/; <$fh> };
    close $fh;
    if ($mbox) {
        # offsets of separator lines: at the start, or right after an empty line
        my @starts;
        push @starts, 0 if $data =~ /\AFrom /;
        while ($data =~ /\n\n(?=From )/g) { push @starts, pos($data); }
        for my $k (0 .. $#starts) {
            next if ++$seq % $nshards != $shard;
            my $nl = index($data, "\n", $starts[$k]);
            my $end = $k < $#starts ? $starts[$k + 1] - 1 : length($data);
            my $msg = substr($data, $nl + 1, $end - $nl - 1);
            $msg =~ s/^>(>*From )/$1/mg;
            $msg =~ s/\r?\n/\r\n/g;
            verify_one($msg);
        }
        next;
    }
    next if ++$seq % $nshards != $shard;
    verify_one($data);
}
print join(' ', map { "$_=$count{$_}" } qw(pass fail permerror temperror none)), "\n";
