@echo off
rem topicj: the TopicJ command line from an unpacked distribution (needs only a Java 17+ runtime).
rem   topicj [--with NAME] COMMAND [OPTIONS]    (NAME: an add-on folder under addons\)
setlocal
set "TOPICJ_HOME=%~dp0.."
set "JAVA_CMD=java"
if defined JAVA_HOME set "JAVA_CMD=%JAVA_HOME%\bin\java"
set "CP=%TOPICJ_HOME%\lib\*"
if "%~1"=="--with" (
  if not exist "%TOPICJ_HOME%\addons\%~2" (
    echo topicj: no add-on '%~2' in %TOPICJ_HOME%\addons 1>&2
    exit /b 2
  )
  set "CP=%CP%;%TOPICJ_HOME%\addons\%~2\*"
  shift
  shift
)
if defined TOPICJ_CLASSPATH set "CP=%CP%;%TOPICJ_CLASSPATH%"
"%JAVA_CMD%" %TOPICJ_JAVA_OPTS% -cp "%CP%" org.topicj.cli.TopicjCommand %1 %2 %3 %4 %5 %6 %7 %8 %9
