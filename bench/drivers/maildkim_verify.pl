#!/usr/bin/perl
# Benchmark driver: verify every DKIM signature of FILE... with Mail::DKIM.
# usage: maildkim_verify.pl ZONE FILE...
# DNS is replaced by the zone file (Mail::DKIM::DNS::query is overridden).
# Prints one summary line: pass=N fail=N permerror=N temperror=N none=N
# (Mail::DKIM "invalid" is counted as permerror.)
use strict;
use warnings;
use Mail::DKIM::Verifier;

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
for my $f (@files) {
    open(my $fh, '<:raw', $f) or die "$f: $!\n";
    my $data = do { local $/; <$fh> };
    close $fh;
    my $v = Mail::DKIM::Verifier->new;
    $v->PRINT($data);
    $v->CLOSE;
    my @sigs = $v->signatures;
    if (!@sigs) { $count{none}++; next; }
    for my $s (@sigs) {
        my $r = $s->result // 'none';
        $r = 'permerror' if $r eq 'invalid';
        $count{$r}++;
    }
}
print join(' ', map { "$_=$count{$_}" } qw(pass fail permerror temperror none)), "\n";
